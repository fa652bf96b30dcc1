import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('uses the embedded defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('info');
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.criteriaDir.endsWith(`${path.sep}criteria`)).toBe(true);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.publicRateLimitPerMinute).toBe(120);
    expect(config.trustProxy).toBe(false);
    expect(config.passwordHashing).toEqual({ memoryCost: 19_456, timeCost: 2 });
    expect(config.auditCheckpointMinutes).toBe(60);
    expect(config.pdfThreads).toBe(os.availableParallelism());
    expect(config.backup).toBeNull();
  });

  it('reads and coerces every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'warn',
      SELLO_DATA_DIR: '/var/lib/sello',
      SELLO_CRITERIA_DIR: '/srv/criterios',
      SELLO_PUBLIC_BASE_URL: 'https://sello.example.bo/',
      SELLO_PUBLIC_RATE_LIMIT: '30',
      SELLO_VERIFY_RATE_LIMIT: '300',
      SELLO_UNKNOWN_CODE_LIMIT: '10',
      SELLO_COMPLAINT_RATE_LIMIT: '3',
      SELLO_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16',
      SELLO_PASSWORD_MEMORY_KIB: '47104',
      SELLO_PASSWORD_TIME_COST: '1',
      SELLO_AUDIT_CHECKPOINT_MINUTES: '0',
      SELLO_PDF_THREADS: '3',
      SELLO_BACKUP_DIR: '/srv/copias-sello',
      SELLO_BACKUP_EVERY_HOURS: '6',
      SELLO_BACKUP_KEEP: '14',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'warn',
      dataDir: '/var/lib/sello',
      criteriaDir: '/srv/criterios',
      publicBaseUrl: 'https://sello.example.bo',
      publicRateLimitPerMinute: 30,
      verifyRateLimitPerMinute: 300,
      unknownCodeLimitPerMinute: 10,
      complaintsPerHour: 3,
      trustProxy: ['10.0.0.1', '192.168.0.0/16'],
      passwordHashing: { memoryCost: 47104, timeCost: 1 },
      auditCheckpointMinutes: 0,
      pdfThreads: 3,
      backup: { dir: '/srv/copias-sello', everyHours: 6, keep: 14 },
    });
  });

  it('turns scheduled backups on with SELLO_BACKUP_DIR alone, every 24 hours keeping 7', () => {
    expect(loadConfig({ SELLO_BACKUP_DIR: 'copias' }).backup).toEqual({ dir: path.resolve('copias'), everyHours: 24, keep: 7 });
    expect(loadConfig({ SELLO_BACKUP_EVERY_HOURS: '6', SELLO_BACKUP_KEEP: '3' }).backup).toBeNull();
  });

  it('refuses backup intervals and counts that make no sense, naming the variable', () => {
    for (const [env, message] of [
      [{ SELLO_BACKUP_EVERY_HOURS: '0' }, 'SELLO_BACKUP_EVERY_HOURS debe estar entre 1 y 168 (una semana)'],
      [{ SELLO_BACKUP_EVERY_HOURS: '1000' }, 'SELLO_BACKUP_EVERY_HOURS debe estar entre 1 y 168 (una semana)'],
      [{ SELLO_BACKUP_EVERY_HOURS: 'diario' }, 'SELLO_BACKUP_EVERY_HOURS debe ser un número'],
      [{ SELLO_BACKUP_KEEP: '0' }, 'SELLO_BACKUP_KEEP debe ser al menos 1'],
      [{ SELLO_BACKUP_KEEP: '2.5' }, 'SELLO_BACKUP_KEEP debe ser un entero'],
    ] as const) {
      expect(() => loadConfig({ SELLO_BACKUP_DIR: '/srv/copias', ...env })).toThrow(message);
    }
  });

  it('lowercases scheme and host of the public URL, keeping a path', () => {
    expect(loadConfig({ SELLO_PUBLIC_BASE_URL: 'HTTPS://Sello.Example.BO/verificar/' }).publicBaseUrl).toBe(
      'https://sello.example.bo/verificar',
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' }).port).toBe(3000);
  });

  it('lists every bad variable by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'verbose', SELLO_PUBLIC_BASE_URL: 'ftp://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('número');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toContain('debug');
    expect(problems.find((p) => p.startsWith('SELLO_PUBLIC_BASE_URL:'))).toContain('http(s)');
  });

  it.each(['70000', '-1', '3.5'])('refuses PORT=%s', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['2', 2],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
  ] as const)('reads SELLO_TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ SELLO_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['proxy.example', '10.0.0.0/33', '10.0.0.1,'])('refuses SELLO_TRUST_PROXY=%s', (value) => {
    expect(() => loadConfig({ SELLO_TRUST_PROXY: value })).toThrow(/SELLO_TRUST_PROXY/);
  });

  it.each(['-1', '1.5', '10081', 'siempre'])('refuses SELLO_AUDIT_CHECKPOINT_MINUTES=%s', (minutes) => {
    expect(() => loadConfig({ SELLO_AUDIT_CHECKPOINT_MINUTES: minutes })).toThrow(/SELLO_AUDIT_CHECKPOINT_MINUTES/);
  });

  it.each(['0', 'muchas'])('refuses SELLO_PUBLIC_RATE_LIMIT=%s', (limit) => {
    expect(() => loadConfig({ SELLO_PUBLIC_RATE_LIMIT: limit })).toThrow(/SELLO_PUBLIC_RATE_LIMIT/);
  });

  it.each([
    ['SELLO_PASSWORD_MEMORY_KIB', '1024'],
    ['SELLO_PASSWORD_MEMORY_KIB', 'mucha'],
    ['SELLO_PASSWORD_TIME_COST', '0'],
  ])('refuses %s=%s, weaker than any production argon2id setting', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it.each(['0', '1.5', 'todos'])('refuses SELLO_PDF_THREADS=%s', (threads) => {
    expect(() => loadConfig({ SELLO_PDF_THREADS: threads })).toThrow(/SELLO_PDF_THREADS/);
  });

  it('refuses a public URL with a query or fragment', () => {
    expect(() => loadConfig({ SELLO_PUBLIC_BASE_URL: 'https://sello.bo/?x=1' })).toThrow(/parámetros/);
  });
});
