package io.querycache.guarantees;

import io.querycache.guarantees.InvalidationModel.Form;
import io.querycache.guarantees.InvalidationModel.Step;
import io.querycache.testing.ServerDatabase;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The model-based test of invalidation on PostgreSQL (see {@link InvalidationModel}): tables {@code mb_<unique>_*}
 * per program, a PL/pgSQL trigger, an updatable view and a data-modifying CTE.
 */
@Tag("integration")
class PostgresInvalidationModelTest {

    @Property(tries = 20)
    void everyCachedReadEqualsTheRealRead(@ForAll("programs") List<Step> program) throws SQLException {
        String prefix = ServerDatabase.unique("mb");
        new InvalidationModel(new Postgres(), prefix, prefix + "_cache").run(program);
    }

    @Provide
    Arbitrary<List<Step>> programs() {
        return InvalidationModel.programs(30);
    }

    static final class Postgres implements InvalidationModel.Database {
        private static final ServerDatabase PG = ServerDatabase.POSTGRES;

        @Override
        public List<String> schema() {
            List<String> all = new ArrayList<>(H2InvalidationModelTest.SCHEMA);
            all.add("CREATE VIEW ${p}_av AS SELECT id, v FROM ${p}_a");
            all.add("CREATE FUNCTION ${p}_audit() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN INSERT INTO ${p}_c_audit VALUES (NEW.id); RETURN NEW; END $$");
            all.add("CREATE TRIGGER ${p}_trg AFTER INSERT OR UPDATE ON ${p}_c FOR EACH ROW EXECUTE FUNCTION ${p}_audit()");
            return all;
        }

        @Override
        public Connection cached(String cacheName) throws SQLException {
            // A safety net: a lock wait would hang this single thread; it fails the program instead.
            return PG.cached(cacheName, "options", "-c lock_timeout=5000");
        }

        @Override
        public Connection real(Connection cached) throws SQLException {
            return cached.unwrap(org.postgresql.core.BaseConnection.class);
        }

        @Override
        public String dialectWrite(Form form) {
            return form == Form.WRITE_IN_QUERY
                    ? "WITH u AS (UPDATE ${p}_a SET v = ? WHERE id = ? RETURNING id) SELECT count(*) FROM u"
                    : "UPDATE ${p}_av SET v = ? WHERE id = ?";
        }

        @Override
        public void direct(List<String> sql) throws SQLException {
            PG.execute(sql.toArray(new String[0]));
        }

        @Override
        public List<String> cleanUp() {
            return List.of("DROP VIEW IF EXISTS ${p}_av, ${p}_v", "DROP TABLE IF EXISTS ${p}_b, ${p}_a, ${p}_c, ${p}_c_audit CASCADE",
                    "DROP FUNCTION IF EXISTS ${p}_audit()");
        }
    }
}
