package io.thriftstore.testing.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.thriftstore.testing.RealInfrastructure;
import io.thriftstore.testing.TestInfrastructure;

@SpringBootTest
@RealInfrastructure
class PostgresIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestInfrastructure infrastructure;

    @Test
    void theContextWorksInItsOwnPostgresqlDatabase() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select current_database()", String.class))
                .isEqualTo(infrastructure.postgresDatabase())
                .isEqualTo(infrastructure.id());

        jdbc.execute("create table if not exists listing (id bigserial primary key, title text not null)");
        jdbc.update("insert into listing (title) values (?)", "Walnut bookshelf");

        assertThat(jdbc.queryForList("select title from listing", String.class)).contains("Walnut bookshelf");
    }
}
