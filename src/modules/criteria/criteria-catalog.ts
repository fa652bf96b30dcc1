/**
 * The criteria loaded at start, held in memory (they are immutable while the
 * service runs) and looked up by scheme and version.
 */
import { AppError, notFound } from '../../errors.js';
import { allCriteria, compareVersionIds, filterBySector, type CriteriaVersion } from '../../domain/criteria.js';
import { diffVersions, type CriteriaDiff } from '../../domain/criteria-diff.js';
import type { SuspensionLimit } from '../../domain/suspension-limit.js';

export type VersionSummary = {
  version: string;
  status: CriteriaVersion['status'];
  publishedOn: string | null;
  approvedBy: string | null;
  previousVersion: string | null;
  contentHash: string;
  principles: number;
  criteria: number;
};

export type SchemeSummary = {
  scheme: string;
  name: CriteriaVersion['name'];
  issuingBody: string;
  /** Newest published version, the one new cycles pin. */
  currentVersion: string | null;
  versions: VersionSummary[];
};

function summarize(v: CriteriaVersion): VersionSummary {
  return {
    version: v.version,
    status: v.status,
    publishedOn: v.publishedOn ?? null,
    approvedBy: v.approvedBy ?? null,
    previousVersion: v.previousVersion ?? null,
    contentHash: v.contentHash,
    principles: v.principles.length,
    criteria: allCriteria(v).length,
  };
}

export class CriteriaCatalog {
  private readonly byScheme = new Map<string, CriteriaVersion[]>();

  constructor(versions: readonly CriteriaVersion[]) {
    for (const v of versions) {
      const list = this.byScheme.get(v.scheme) ?? [];
      list.push(v);
      this.byScheme.set(v.scheme, list);
    }
    for (const list of this.byScheme.values()) list.sort((a, b) => compareVersionIds(a.version, b.version));
  }

  schemes(): SchemeSummary[] {
    return [...this.byScheme.keys()].sort().map((scheme) => this.scheme(scheme));
  }

  scheme(scheme: string): SchemeSummary {
    const versions = this.versionsOf(scheme);
    const newest = versions[versions.length - 1]!;
    const current = versions.filter((v) => v.status === 'published').at(-1);
    return {
      scheme,
      name: (current ?? newest).name,
      issuingBody: (current ?? newest).issuingBody,
      currentVersion: current?.version ?? null,
      versions: versions.map(summarize),
    };
  }

  version(scheme: string, version: string): CriteriaVersion {
    const found = this.versionsOf(scheme).find((v) => v.version === version);
    if (!found) throw notFound('CRITERIA_VERSION_NOT_FOUND', `El esquema ${scheme} no tiene la versión ${version}`);
    return found;
  }

  /**
   * The longest suspension under this version (`commission.maxSuspensionMonths`), as certificates
   * count it; null for a version this installation does not hold (nothing is then counted).
   */
  suspensionLimit(scheme: string, version: string): SuspensionLimit | null {
    const found = this.find(scheme, version);
    return found ? { months: found.commission.maxSuspensionMonths, criteriaVersion: found.version } : null;
  }

  /** The version with only the criteria that apply to `sector`, which must be one of the scheme's sectors. */
  versionForSector(scheme: string, version: string, sector: string): CriteriaVersion {
    const found = this.version(scheme, version);
    if (!found.sectors.some((s) => s.code === sector)) {
      throw new AppError('invalid', 'UNKNOWN_SECTOR', `Sector desconocido en ${scheme} ${version}: ${sector}`, [
        { path: 'query.sector', message: `Sectores válidos: ${found.sectors.map((s) => s.code).join(', ')}` },
      ]);
    }
    return filterBySector(found, sector);
  }

  /** The version if loaded, without throwing. */
  find(scheme: string, version: string): CriteriaVersion | undefined {
    return this.byScheme.get(scheme)?.find((v) => v.version === version);
  }

  /** Codes retired by `version` or any earlier version of the scheme. */
  retiredUpTo(scheme: string, version: string): Set<string> {
    const versions = this.byScheme.get(scheme) ?? [];
    return new Set(
      versions.filter((v) => compareVersionIds(v.version, version) <= 0).flatMap((v) => (v.retired ?? []).map((r) => r.code)),
    );
  }

  /** The differences, with the reasons every version from `from` (excluded) to `to` gives for its changes. */
  diff(scheme: string, from: string, to: string): CriteriaDiff {
    return diffVersions(this.version(scheme, from), this.version(scheme, to), this.between(scheme, from, to));
  }

  /**
   * The versions after `from` up to `to`, oldest first, following `to`'s previous versions. When `from` is
   * not on that chain, only `to` speaks for its changes, and nobody does for a diff towards an older version.
   */
  private between(scheme: string, from: string, to: string): CriteriaVersion[] {
    const chain: CriteriaVersion[] = [];
    let at = this.find(scheme, to);
    while (at && at.version !== from) {
      chain.unshift(at);
      at = at.previousVersion ? this.find(scheme, at.previousVersion) : undefined;
    }
    if (at) return chain;
    return compareVersionIds(from, to) < 0 ? [this.version(scheme, to)] : [];
  }

  count(): { schemes: number; versions: number } {
    let versions = 0;
    for (const list of this.byScheme.values()) versions += list.length;
    return { schemes: this.byScheme.size, versions };
  }

  private versionsOf(scheme: string): CriteriaVersion[] {
    const versions = this.byScheme.get(scheme);
    if (!versions) throw notFound('CRITERIA_SCHEME_NOT_FOUND', `No existe el esquema de criterios ${scheme}`);
    return versions;
  }
}
