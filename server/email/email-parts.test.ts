import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { newPartOfReply } from './quoted';
import { conversationOfReplyAddress, replyAddress } from './reply-address';
import { refuseSmtpHost } from './sender';

const KEY = 'k'.repeat(43);
const ID = '3f2b8c1e-0a4d-4e5f-9a6b-7c8d9e0f1a2b';

describe('reply addresses', () => {
  it('map back to their conversation and nothing else', () => {
    const address = replyAddress(KEY, ID, 'mail.example.com');
    expect(address).toMatch(/^reply\+[0-9a-f-]{36}\.[\w-]{22}@mail\.example\.com$/);
    expect(conversationOfReplyAddress(KEY, address)).toBe(ID);
    expect(conversationOfReplyAddress(KEY, address.toUpperCase().replace('@MAIL', '@mail'))).toBeNull(); // the MAC is case-sensitive
  });

  it('refuse forged, foreign-key and malformed addresses', () => {
    const other = '00000000-0000-4000-8000-000000000000';
    const forged = replyAddress(KEY, ID, 'x.test').replace(ID, other);
    expect(conversationOfReplyAddress(KEY, forged)).toBeNull();
    expect(conversationOfReplyAddress('another-key', replyAddress(KEY, ID, 'x.test'))).toBeNull();
    for (const a of ['support@x.test', `reply+${ID}@x.test`, `reply+${ID}.short@x.test`, '']) expect(conversationOfReplyAddress(KEY, a)).toBeNull();
  });
});

describe('newPartOfReply', () => {
  it('drops the quoted original, attributions and signatures', () => {
    expect(newPartOfReply('Thanks!\n\nOn Tue, 1 Dec 2026 at 10:00, Support <s@x.test> wrote:\n> old\n> older')).toBe('Thanks!');
    expect(newPartOfReply('Gracias\r\n\r\nEl mar, 1 dic 2026, Soporte escribió:\r\n> viejo')).toBe('Gracias');
    expect(newPartOfReply('Fine\n\n-----Original Message-----\nFrom: a\nold')).toBe('Fine');
    expect(newPartOfReply('Yes\n> quoted inline\nand more\n-- \nAna, ACME')).toBe('Yes\nand more');
  });

  it('is empty for a reply with nothing new', () => {
    expect(newPartOfReply('> only quoted\n> text')).toBe('');
  });
});

describe('email configuration', () => {
  it('is off without SMTP_URL and needs MAIL_FROM with it', () => {
    expect(loadConfig({}).email).toBeNull();
    expect(() => loadConfig({ SMTP_URL: 'smtp://relay.example.com:587' })).toThrow(/MAIL_FROM is required/);
    expect(() => loadConfig({ SMTP_URL: 'http://relay.example.com' })).toThrow(/SMTP_URL must be an smtp/);
    const c = loadConfig({ SMTP_URL: 'smtp://u:p@relay.example.com:587', MAIL_FROM: 'Support <help@shop.example>' });
    expect(c.email).toEqual({ smtpUrl: 'smtp://u:p@relay.example.com:587', from: 'Support <help@shop.example>', replyDomain: 'shop.example', allowPrivate: false });
    expect(loadConfig({ SMTP_URL: 'smtp://r.example', MAIL_FROM: 'help@shop.example', MAIL_REPLY_DOMAIN: 'in.shop.example' }).email?.replyDomain).toBe('in.shop.example');
  });
});

describe('SMTP host policy', () => {
  it('refuses private and loopback hosts unless the operator opts in', async () => {
    const hosts: Array<[string, string]> = [
      ['127.0.0.1', 'loopback'],
      ['10.1.2.3', 'private'],
      ['192.168.0.5', 'private'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['localhost', 'loopback'],
      ['169.254.169.254', 'link-local'],
      ['::ffff:127.0.0.1', 'loopback'],
      // The webhook rule's reserved ranges hold for mail too: no real relay lives in documentation space.
      ['203.0.113.9', 'reserved'],
    ];
    for (const [host, kind] of hosts) {
      expect(await refuseSmtpHost(host, false)).toMatch(new RegExp(`^SMTP host \\S+ is a ${kind} address .*SMTP_ALLOW_PRIVATE=true`));
      expect(await refuseSmtpHost(host, true)).toBeNull();
    }
    expect(await refuseSmtpHost('93.184.215.14', false)).toBeNull();
    expect(await refuseSmtpHost('no-such-host.invalid', false)).toMatch(/does not resolve/);
  });
});
