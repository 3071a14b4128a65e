import { sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const NESTED = /* GraphQL */ `
  {
    organization {
      name
      projects(first: 100) {
        totalCount
        nodes {
          slug
          environments {
            nodes {
              key
              flags(first: 100) {
                totalCount
                nodes {
                  enabled
                  version
                  flag {
                    key
                    variations {
                      key
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

const flagsStatements = async () => {
  const { text } = await vexil.http('GET', '/metrics');
  return Number(/vexil_sql_statements_total\{service="flags",origin="request"\} (\d+)/.exec(text)?.[1]);
};

/** SQL statements the flags subgraph runs for one nested read; the least of a few runs, to skip background work. */
async function statementsFor(token: string): Promise<{ count: number; data: any }> {
  let best = Number.POSITIVE_INFINITY;
  let data: any;
  for (let run = 0; run < 3; run++) {
    const before = await flagsStatements();
    const answer = await vexil.graphql(NESTED, {}, token);
    expect(answer.errors).toBeUndefined();
    data = answer.data;
    best = Math.min(best, (await flagsStatements()) - before);
  }
  return { count: best, data };
}

/** Seeds projects, environments, flags and configurations straight into the database. */
async function seed(organizationId: string, projects: number, flagsPerProject: number) {
  await vexil.sql(
    `insert into flags.projects (id, organization_id, name, slug, created_at, updated_at)
       select gen_random_uuid(), ?, 'Project ' || i, 'project-' || i, now(), now() from generate_series(1, ?) i`,
    [organizationId, projects - 1],
  );
  await vexil.sql(
    `insert into flags.environments (id, project_id, organization_id, key, name, color, position, created_at, updated_at)
       select gen_random_uuid(), p.id, p.organization_id, e.key, e.key, '#6B7280', e.position, now(), now()
         from flags.projects p cross join (values ('dev', 0), ('staging', 1), ('production', 2)) e(key, position)
        where p.organization_id = ? and p.slug <> 'default'`,
    [organizationId],
  );
  await vexil.sql(
    `insert into flags.flags (id, project_id, organization_id, key, name, type, tags, variations, created_at, updated_at)
       select gen_random_uuid(), p.id, p.organization_id, 'flag-' || i, 'Flag ' || i, 'boolean', '[]',
              '[{"key":"on","value":true},{"key":"off","value":false}]', now(), now()
         from flags.projects p cross join generate_series(1, ?) i where p.organization_id = ?`,
    [flagsPerProject, organizationId],
  );
  // Every flag has a configuration in every environment (migration 0009): on in production, never set elsewhere.
  await vexil.sql(
    `insert into flags.flag_configs (id, flag_id, environment_id, organization_id, enabled, off_variation, targets, rules,
                                     default_serve, prerequisites, bucketing, version, updated_at, created_at)
       select gen_random_uuid(), f.id, e.id, f.organization_id, e.key = 'production', 'off', '[]', '[]',
              '{"variation":"on"}', '[]', '{"scheme":"vexil"}', case when e.key = 'production' then 1 else 0 end,
              now(), now()
         from flags.flags f join flags.environments e on e.project_id = f.project_id
        where f.organization_id = ?`,
    [organizationId],
  );
}

describe('nested reads', () => {
  it('cost the same number of SQL statements for 1 project as for 20 projects × 3 environments × 50 flags', async () => {
    const small = await vexil.register();
    const large = await vexil.register();
    await seed(small.organizationId, 1, 1);
    await seed(large.organizationId, 20, 50);

    const one = await statementsFor(small.accessToken);
    const many = await statementsFor(large.accessToken);

    expect(one.data.organization.projects.totalCount).toBe(1);
    expect(many.data.organization.projects.totalCount).toBe(20);
    const environments = many.data.organization.projects.nodes.flatMap((p: any) => p.environments.nodes);
    expect(environments).toHaveLength(60);
    expect(environments.every((e: any) => e.flags.totalCount === 50)).toBe(true);
    const production = environments.filter((e: any) => e.key === 'production');
    expect(production.every((e: any) => e.flags.nodes.every((n: any) => n.enabled && n.version === 1))).toBe(
      true,
    );

    expect(one.count).toBeGreaterThan(0);
    expect(many.count).toBe(one.count);
  });
});
