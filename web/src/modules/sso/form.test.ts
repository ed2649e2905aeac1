import { describe, expect, it } from 'vitest';
import { SaveSsoClient } from '../../../../contracts/sso/clients.ts';
import { bodyOf, lines, toBody } from './form.ts';

describe('the sub-platform form', () => {
  it('takes one address a line, blank lines and spaces dropped', () => {
    expect(lines(' https://a.cn/cb \n\n  https://b.cn/cb\n')).toEqual(['https://a.cn/cb', 'https://b.cn/cb']);
    expect(lines(undefined)).toEqual([]);
  });

  it('makes a body the contract accepts, and refuses a fragment in a redirect URI', () => {
    const body = toBody({
      name: ' 积分系统 ',
      redirectUris: 'https://jf.example.cn/callback\nhttp://10.0.0.5:8080/cb',
      postLogoutRedirectUris: '',
      allowedRoles: ['member', 'secretary'],
      launchUrl: 'https://jf.example.cn/',
      iconUrl: null,
      firstParty: true,
      enabled: true,
    });
    const parsed = SaveSsoClient.parse(body);
    expect(parsed.name).toBe('积分系统');
    expect(parsed.redirectUris).toHaveLength(2);
    expect(SaveSsoClient.safeParse({ ...body, redirectUris: ['https://jf.example.cn/cb#x'] }).success).toBe(
      false,
    );
    expect(SaveSsoClient.safeParse({ ...body, allowedRoles: [] }).success).toBe(false);
  });

  it('disabling keeps everything else as it was', () => {
    const c = {
      id: '1',
      clientId: 'hy-x',
      name: 'A',
      redirectUris: ['https://a.cn/cb'],
      postLogoutRedirectUris: [],
      allowedRoles: ['member' as const],
      iconUrl: null,
      launchUrl: 'https://a.cn/',
      firstParty: false,
      enabled: true,
      createdAt: '',
      updatedAt: '',
    };
    expect(bodyOf(c, { enabled: false })).toEqual({
      ...toBody({ ...c, redirectUris: 'https://a.cn/cb', postLogoutRedirectUris: '' }),
      enabled: false,
    });
  });
});
