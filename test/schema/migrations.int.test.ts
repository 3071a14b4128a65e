import { startTestPlatform, type TestPlatform } from '@vexil/testing';

let vexil: TestPlatform;
// Its own platform: the check asks each service's ORM, which only the in-process platform has.
beforeAll(async () => {
  vexil = await startTestPlatform();
});
afterAll(() => vexil?.dispose());

// Migrations are written by hand and reviewed; this keeps them honest: after migrating, the database
// must be exactly what the entities describe, or MikroORM would have SQL to run.
describe('migrations', () => {
  it.each(['identity', 'flags', 'billing', 'analytics'])(
    'leave the %s schema exactly as its entities describe',
    async (name) => {
      const service = vexil.platform.services.find((s) => s.name === name)!;
      const diff = await service.orm.schema.getUpdateSchemaSQL({ wrap: false, schema: name });
      expect(diff.trim()).toBe('');
    },
  );
});
