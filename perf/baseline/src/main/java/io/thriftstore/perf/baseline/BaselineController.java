package io.thriftstore.perf.baseline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The three baseline endpoints; raw JDBC so the figure is the floor of what a database request costs. */
@RestController
class BaselineController {

    private final DataSource dataSource;

    BaselineController(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GetMapping("/hello")
    Map<String, String> hello() {
        return Map.of("hello", "world");
    }

    @GetMapping("/select/{id}")
    ResponseEntity<Map<String, Object>> select(@PathVariable int id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select id, name, price from item where id = ?")) {
            q.setInt(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return ResponseEntity.notFound().build();
                }
                return ResponseEntity.ok(Map.of("id", rs.getInt(1), "name", rs.getString(2), "price", rs.getBigDecimal(3)));
            }
        }
    }

    /** An order row plus its outbox row in one transaction: what POST /api/orders must at least do. */
    @PostMapping("/insert")
    ResponseEntity<Map<String, Object>> insert() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                JdbcInsertLoop.insertOrderAndOutbox(c, id);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "status", "PENDING"));
    }

    static byte[] payload(UUID id) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"order.created.v1\",\"subject\":\""
                + id + "\",\"data\":{\"id\":\"" + id + "\",\"status\":\"PENDING\",\"total\":" + BigDecimal.TEN + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
