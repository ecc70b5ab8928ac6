import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The floor: a bare `ws` server speaking just enough of the chat protocol for the load generator
 * (welcome, ack, a canned "bot" reply, visitor→agent relay after a claim). No database, no
 * validation, no bot. Whatever the real server costs above these figures is the server's own.
 */

type Frame = { type: string; id?: string; conversationId?: string; text?: string };

const port = Number(process.env.PORT ?? 0);
const agentsByConversation = new Map<string, WebSocket>();
let nextVisitor = 0;

const message = (conversationId: string, seq: number, id: string, author: string, text: string) => ({
  type: 'message',
  message: { id, conversationId, seq, author, authorName: null, kind: 'text', text, bot: null, system: null, createdAt: Date.now() },
});

function serveVisitor(ws: WebSocket): void {
  const conversationId = `c${nextVisitor++}`;
  let seq = 0;
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as Frame;
    if (f.type === 'visitor.hello') {
      ws.send(JSON.stringify({ type: 'visitor.welcome', protocol: 1, visitorId: conversationId, token: 'echo', conversationId: null, status: null, queuePosition: null, agentName: null, agentsOnline: true, messages: [], more: false, site: { name: 'echo' } }));
    } else if (f.type === 'visitor.escalate') {
      ws.send(JSON.stringify({ type: 'ack', id: f.id, conversationId, seq }));
    } else if (f.type === 'visitor.send') {
      seq++;
      ws.send(JSON.stringify({ type: 'ack', id: f.id, conversationId, seq }));
      const own = JSON.stringify(message(conversationId, seq, f.id ?? '', 'visitor', f.text ?? ''));
      ws.send(own);
      const agent = agentsByConversation.get(conversationId);
      if (agent) agent.send(own);
      else ws.send(JSON.stringify(message(conversationId, ++seq, `srv_${seq}`, 'bot', 'echo')));
    }
  });
}

function serveAgent(ws: WebSocket): void {
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as Frame;
    if (f.type === 'agent.hello') ws.send(JSON.stringify({ type: 'agent.welcome', protocol: 1, queue: [], mine: [] }));
    else if (f.type === 'agent.claim' && f.conversationId) {
      agentsByConversation.set(f.conversationId, ws);
      ws.send(JSON.stringify({ type: 'ack', id: f.id, conversationId: f.conversationId, seq: 0 }));
    }
  });
}

const http = createServer((request, response) => {
  if (request.url === '/api/auth/login') {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'chat_session=echo; Path=/; HttpOnly' });
    response.end('{"agent":{}}');
  } else {
    response.writeHead(request.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  }
});
const wss = new WebSocketServer({ server: http, maxPayload: 64 * 1024 });
wss.on('connection', (ws, request) => (request.url?.startsWith('/ws/agent') ? serveAgent(ws) : serveVisitor(ws)));
http.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  for (const c of wss.clients) c.terminate();
  http.close(() => process.exit(0));
});
