import { expect, it } from 'vitest';
import { agentOriginAllowed } from './origin';

const request = { protocol: 'https' as const, host: 'chat.example.com' };

it('allows only the console own scheme, host and port, or a listed origin', () => {
  expect(agentOriginAllowed('https://chat.example.com', request, [])).toBe(true);
  expect(agentOriginAllowed('https://chat.example.com:443', request, [])).toBe(true);
  expect(agentOriginAllowed('http://chat.example.com', request, [])).toBe(false);
  expect(agentOriginAllowed('https://chat.example.com:8443', request, [])).toBe(false);
  expect(agentOriginAllowed('https://evil.example', request, [])).toBe(false);
  expect(agentOriginAllowed('null', request, [])).toBe(false);
  expect(agentOriginAllowed('https://admin.example', request, ['https://admin.example'])).toBe(true);
  expect(agentOriginAllowed(undefined, request, [])).toBe(true);
});
