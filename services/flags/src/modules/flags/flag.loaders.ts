import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { FlagConfigVersion } from '../flag-configs/flag-config-version.entity.js';
import { FlagConfig } from '../flag-configs/flag-config.entity.js';
import {
  environmentFlagPages,
  type EnvironmentFlagPage,
  type EnvironmentFlagsArgs,
} from '../flag-configs/environment-flags.js';
import { Flag } from './flag.entity.js';

/** A version of a flag's configuration as history pages read it. */
export type HistoryEntry = Pick<FlagConfigVersion, 'version' | 'config' | 'actor' | 'createdAt'>;

/** Which page of a history: `first` entries after `offset` more, of those older than `beforeVersion`. */
export interface HistoryWindow {
  first: number;
  offset: number;
  beforeVersion: number | null;
}

/** One page of a history, newest first, and how many versions the whole history has. */
export interface HistoryPage {
  entries: HistoryEntry[];
  totalCount: number;
}

interface HistoryRow {
  flag_id: string;
  environment_id: string;
  version: number;
  config: FlagConfigVersion['config'];
  actor: FlagConfigVersion['actor'];
  created_at: Date | string;
}

/**
 * Pages of the histories of several flag-environment pairs (keyed `flagId:environmentId`), cut by SQL:
 * one query counts, one returns only the rows of each page.
 */
function historyPages(em: EntityManager, window: HistoryWindow) {
  return new DataLoader<string, HistoryPage>(async (keys) => {
    const pairs = keys.map((key) => key.split(':') as [string, string]);
    const match = pairs.map(() => '(flag_id = ? and environment_id = ?)').join(' or ');
    const connection = em.getConnection();
    const context = em.getTransactionContext();
    const [counts, rows] = await Promise.all([
      connection.execute<{ flag_id: string; environment_id: string; total: number }[]>(
        `select flag_id, environment_id, count(*)::int as total from flags.flag_config_versions
         where ${match} group by flag_id, environment_id`,
        pairs.flat(),
        'all',
        context,
      ),
      connection.execute<HistoryRow[]>(
        `select flag_id, environment_id, version, config, actor, created_at from (
           select *, row_number() over (partition by flag_id, environment_id order by version desc) as position
           from flags.flag_config_versions
           where (${match})${window.beforeVersion === null ? '' : ' and version < ?'}
         ) ranked where position > ? and position <= ? order by version desc`,
        [
          ...pairs.flat(),
          ...(window.beforeVersion === null ? [] : [window.beforeVersion]),
          window.offset,
          window.offset + window.first,
        ],
        'all',
        context,
      ),
    ]);
    return keys.map((key) => ({
      totalCount: counts.find((count) => `${count.flag_id}:${count.environment_id}` === key)?.total ?? 0,
      entries: rows
        .filter((row) => `${row.flag_id}:${row.environment_id}` === key)
        .map((row) => ({
          version: row.version,
          config: row.config,
          actor: row.actor,
          createdAt: new Date(row.created_at),
        })),
    }));
  });
}

/** Request-scoped batch loaders for flags and their configurations: one query per level of nesting. */
export function createFlagLoaders(em: EntityManager) {
  const pages = new Map<string, DataLoader<string, HistoryPage>>();
  const flagPages = new Map<string, DataLoader<string, EnvironmentFlagPage>>();
  return {
    flagById: new DataLoader<string, Flag | null>(async (ids) => {
      const flags = await em.find(Flag, { id: { $in: [...ids] } });
      const byId = new Map(flags.map((flag) => [flag.id, flag]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    flagsByProject: new DataLoader<string, Flag[]>(async (projectIds) => {
      const flags = await em.find(
        Flag,
        { projectId: { $in: [...projectIds] } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      return projectIds.map((id) => flags.filter((flag) => flag.projectId === id));
    }),
    /** One page of configuration histories, keyed `flagId:environmentId`; a loader per window. */
    historyPage(window: HistoryWindow): DataLoader<string, HistoryPage> {
      const id = `${window.first}:${window.offset}:${window.beforeVersion}`;
      if (!pages.has(id)) pages.set(id, historyPages(em, window));
      return pages.get(id)!;
    },
    /** Pages of environments' flags, keyed `environmentId:projectId`; a loader per filter, order and page. */
    environmentFlags(args: EnvironmentFlagsArgs): DataLoader<string, EnvironmentFlagPage> {
      const id = JSON.stringify(args);
      if (!flagPages.has(id)) flagPages.set(id, environmentFlagPages(em, args));
      return flagPages.get(id)!;
    },
    /** Keyed `flagId:environmentId:version`: one version of a configuration history. */
    historyVersion: new DataLoader<string, FlagConfigVersion | null>(async (keys) => {
      const triples = keys.map((key) => key.split(':') as [string, string, string]);
      const versions = await em.find(FlagConfigVersion, {
        $or: triples.map(([flagId, environmentId, version]) => ({
          flagId,
          environmentId,
          version: Number(version),
        })),
      });
      const byKey = new Map(versions.map((v) => [`${v.flagId}:${v.environmentId}:${v.version}`, v]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
    /** A configuration by its own id; null when there is none. */
    configById: new DataLoader<string, FlagConfig | null>(async (ids) => {
      const configs = await em.find(FlagConfig, { id: { $in: [...ids] } });
      return ids.map((id) => configs.find((config) => config.id === id) ?? null);
    }),
    /** Keyed `flagId:environmentId`; every pair of a project has one (null: the pair does not exist). */
    configByFlagEnvironment: new DataLoader<string, FlagConfig | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const configs = await em.find(FlagConfig, {
        flagId: { $in: [...new Set(pairs.map(([flagId]) => flagId))] },
        environmentId: { $in: [...new Set(pairs.map(([, environmentId]) => environmentId))] },
      });
      const byKey = new Map(configs.map((config) => [`${config.flagId}:${config.environmentId}`, config]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}
