import { describe, expect, it } from 'vitest';
import { makeSettingsTranslate } from './settings';
import { settingsEn } from './settings-en';
import { settingsEs } from './settings-es';

const params = (s: string) => [...s.matchAll(/\{([\w.]+)\}/g)].map((m) => m[1]).sort();

describe('settings strings', () => {
  it('has every English string in Spanish too, translated, with the same parameters', () => {
    for (const [key, en] of Object.entries(settingsEn) as Array<[keyof typeof settingsEn, string]>) {
      expect(params(settingsEs[key]), key).toEqual(params(en));
    }
    const same = Object.keys(settingsEn).filter((k) => settingsEs[k as keyof typeof settingsEn] === settingsEn[k as keyof typeof settingsEn]);
    // Words both languages spell alike (URL, Webhooks, "{hours} h"), nothing else.
    expect(same.sort()).toEqual(['nav.webhooks', 'secret.graceHours', 'webhooks.caption', 'webhooks.heading', 'webhooks.url']);
  });

  it('fills parameters and leaves the placeholders agents type untouched', () => {
    expect(makeSettingsTranslate('es')('site.deleteType', { key: 'abc' })).toBe('Escribe la clave del sitio (abc) para confirmar');
    expect(makeSettingsTranslate('en')('canned.textHelp')).toContain('{visitor.name}');
  });
});
