package io.thriftstore.order.archfixture;

import io.thriftstore.devtools.dltreplay.DltReplay;
import io.thriftstore.devtools.tokens.DevTokens;
import io.thriftstore.platform.auth.AuthProperties;
import io.thriftstore.product.archfixture.Listing;
import io.thriftstore.testing.TestTokens;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/*
 * A make-believe service for ArchitectureRulesTests: one class of each kind, in a service package (the rules must
 * see them as a service's code, and io.thriftstore.testing.. is itself dev-time). "Good*" keep the shape,
 * "Bad*" each break one rule.
 */

@RestController
class GoodController {
    private final GoodService service;

    GoodController(GoodService service) {
        this.service = service;
    }

    @GetMapping("/good")
    String get() {
        return service.answer();
    }

    static String link() {
        return "/good";
    }
}

@RestControllerAdvice(assignableTypes = GoodController.class)
class GoodAdvice {
    @ExceptionHandler(IllegalStateException.class)
    String handle() {
        return GoodController.link();
    }
}

@Service
class GoodService {
    private final GoodStore store;

    GoodService(GoodStore store) {
        this.store = store;
    }

    String answer() {
        return store.find();
    }
}

@Repository
class GoodStore {
    private final JdbcTemplate jdbc;

    GoodStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String find() {
        return jdbc.queryForObject("SELECT 'x'", String.class);
    }
}

/** A store by what it does: a plain component holding a template. */
@Component
class MongoBackedComponent {
    private final MongoTemplate mongo;

    MongoBackedComponent(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    long count() {
        return mongo.getCollection("x").countDocuments();
    }
}

@RestController
class BadControllerWithTemplate {
    private final JdbcTemplate jdbc;

    BadControllerWithTemplate(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }
}

@RestController
class BadControllerWithStoreComponent {
    private final MongoBackedComponent store;

    BadControllerWithStoreComponent(MongoBackedComponent store) {
        this.store = store;
    }
}

@Service
class BadServiceLookingBack {
    String link() {
        return GoodController.link();
    }
}

@Repository
class BadStoreCallingAService {
    private final GoodService service;

    BadStoreCallingAService(GoodService service) {
        this.service = service;
    }
}

class BadOtherService {
    Listing listing() {
        return new Listing("1");
    }
}

class BadDevTokens {
    Object devToken() {
        return DevTokens.class;
    }
}

class BadDltReplay {
    Object replayCommand() {
        return DltReplay.class;
    }
}

/** The runtime side of auth (the dev issuer included) is platform-commons, not dev-time code. */
class GoodRuntimeAuth {
    Object authSettings() {
        return AuthProperties.class;
    }
}

class BadTestHelper {
    Object testToken() {
        return TestTokens.class;
    }
}
