import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { INLINE_IMAGE_TYPES } from '../../shared/files';
import { FileId } from '../../shared/protocol/index';
import { lineText } from '../../shared/text';
import { sessionGuards } from '../auth/sessions';
import type { Services } from '../services';
import type { Site, Visitor } from '../store/types';
import { cleanName, readCapped, type FileService } from './file-service';
import type { StoredFile } from './file-repo';

const UploadQuery = z.object({ name: lineText().max(1_000).optional() });
const AgentUploadQuery = UploadQuery.extend({ conversationId: lineText().min(1).max(64) });
const FileParams = z.object({ id: FileId });

/**
 * Attachments over HTTP (docs/API.md, "Attachments"). Uploads are the raw file as the body (any
 * content type: the server sniffs it), named by `?name=`; the reply is the attachment to put on a send frame.
 *   visitors: POST/GET /api/visitor/files[/:id] with `Authorization: Bearer <visitor token>` (cross-origin, CORS)
 *   agents:   POST /api/files?conversationId=…, GET /api/files/:id with the session cookie (same origin)
 */
export const fileRoutes: FastifyPluginAsync<{ services: Services; files: FileService }> = async (app, { services, files }) => {
  const { store, tokens, agents } = services;
  const { requireAgent } = sessionGuards(store);

  // The body is handed over as the raw stream; `readCapped` reads it, after authorisation, against the site's limit.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  async function visitorOf(request: FastifyRequest, reply: FastifyReply): Promise<{ visitor: Visitor; site: Site }> {
    const header = request.headers.authorization ?? '';
    const claims = header.startsWith('Bearer ') ? tokens.claims(header.slice(7).trim()) : null;
    const visitor = claims ? await store.visitors.byId(claims.visitorId) : undefined;
    if (!claims || !tokens.accepts(claims, visitor)) throw new AppError('unauthorized', 'visitor token is not valid');
    const site = await store.sites.byId(visitor.siteId);
    if (!site || site.disabled) throw new AppError('site_disabled', 'chat is switched off for this site');
    allowOrigin(request, reply, site);
    return { visitor, site };
  }

  // Visitor routes are metered per address here and per uploader by FileService (uploads a minute, bytes a
  // day); a per-visitor REST allowance would be too tight for a chat showing several image previews.
  app.options('/api/visitor/files', { config: { meter: 'public' } }, preflight);
  app.options('/api/visitor/files/:id', { config: { meter: 'public' } }, preflight);

  app.post('/api/visitor/files', { config: { crossSite: true, meter: 'public' } }, async (request, reply) => {
    const { visitor, site } = await visitorOf(request, reply);
    const { name } = UploadQuery.parse(request.query);
    const uploader = { type: 'visitor' as const, id: visitor.id };
    files.spend(uploader);
    const data = await readBody(request, reply, files.capFor(site));
    return reply.code(201).send(await files.save(site, uploader, cleanName(name), data));
  });

  app.get('/api/visitor/files/:id', { config: { meter: 'public' } }, async (request, reply) => {
    const { visitor } = await visitorOf(request, reply);
    const { id } = FileParams.parse(request.params);
    return sendFile(reply, await files.forVisitor(id, visitor));
  });

  app.post('/api/files', { preHandler: requireAgent, config: { meter: 'agent' } }, async (request, reply) => {
    const agent = request.agent!;
    const { name, conversationId } = AgentUploadQuery.parse(request.query);
    const c = await store.conversations.byId(conversationId);
    if (!c || !(await agents.canRead(agent, c))) throw new AppError('not_found', 'conversation not found');
    const site = await store.sites.byId(c.siteId);
    if (!site) throw new AppError('not_found', 'conversation not found');
    const uploader = { type: 'agent' as const, id: agent.id };
    files.spend(uploader);
    const data = await readBody(request, reply, files.capFor(site));
    return reply.code(201).send(await files.save(site, uploader, cleanName(name), data));
  });

  app.get('/api/files/:id', { preHandler: requireAgent, config: { meter: 'agent' } }, async (request, reply) => {
    const agent = request.agent!;
    const { id } = FileParams.parse(request.params);
    const mayRead = async (conversationId: string) => {
      const c = await store.conversations.byId(conversationId);
      return !!c && (await agents.canRead(agent, c));
    };
    return sendFile(reply, await files.forAgent(id, agent.id, mayRead));
  });
};

/** The upload's bytes up to `cap`; past it the connection is closed after the 413, so the rest is never read. */
async function readBody(request: FastifyRequest, reply: FastifyReply, cap: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  try {
    return await readCapped(request.raw, declared === undefined ? undefined : Number(declared), cap);
  } catch (e) {
    reply.header('connection', 'close');
    throw e;
  }
}

/**
 * Served so that a file can never act as a page of ours: the sniffed type, `nosniff` (set for every
 * reply in app.ts), a sandbox CSP, and `attachment` for everything but the inline image allow-list.
 */
function sendFile(reply: FastifyReply, f: StoredFile): FastifyReply {
  const inline = INLINE_IMAGE_TYPES.includes(f.type);
  return reply
    .header('content-type', f.type)
    .header('content-length', f.data.length)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${asciiName(f.name)}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
    .header('cache-control', 'private, max-age=3600')
    .header('cross-origin-resource-policy', 'cross-origin')
    .send(f.data);
}

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');

/** Preflight for the widget's cross-origin calls; the actual request is checked against the site's origins. */
async function preflight(request: FastifyRequest, reply: FastifyReply) {
  const origin = request.headers.origin;
  if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'origin');
  return reply
    .header('access-control-allow-methods', 'GET, POST')
    .header('access-control-allow-headers', 'authorization, content-type')
    .header('access-control-max-age', '600')
    .code(204)
    .send();
}

/** The widget's page may read the answer when its origin is on the site's allow-list (an empty list allows any, as the socket does). */
function allowOrigin(request: FastifyRequest, reply: FastifyReply, site: Site): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (site.allowedOrigins.length > 0 && !site.allowedOrigins.includes(origin)) throw new AppError('forbidden', 'origin not allowed for this site');
  reply.header('access-control-allow-origin', origin).header('vary', 'origin');
}

