package io.thriftstore.testing.architecture;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every service keeps (issue 18, "rules that hold the shape"), as {@link ArchRule} factories so a service
 * can check them one by one; {@link ServiceArchitectureTests} runs them all.
 *
 * <p>Services are packaged by feature, so layers are told apart by what a class is, not where it sits:
 * <ul>
 *   <li><b>web</b>: {@code @Controller}/{@code @RestController} (STOMP {@code @MessageMapping} handlers included) and
 *       their {@code @ControllerAdvice}, with the classes nested in them;</li>
 *   <li><b>application service</b>: {@code @Service};</li>
 *   <li><b>store</b>: Spring Data repositories, {@code @Repository} classes, and any other class (not a
 *       {@code @Service}) that touches a data-access API itself: MongoTemplate/MongoOperations, GridFS, the MongoDB
 *       driver's database and collections, JdbcTemplate/JdbcClient, JPA's EntityManager.</li>
 * </ul>
 * Types are named as strings: this module must not drag Mongo, JDBC or JPA onto every service's test classpath.
 */
public final class ArchitectureRules {

    /** The root package of each service. A service imports none of the others: they talk over HTTP and Kafka. */
    public static final List<String> SERVICE_PACKAGES = List.of(
        "io.thriftstore.product", "io.thriftstore.order", "io.thriftstore.wishlist", "io.thriftstore.chat",
        "io.thriftstore.wschat", "io.thriftstore.notification", "io.thriftstore.consumer");

    /**
     * Dev-time code: it runs on a laptop or in a test, never in a service. Everything under devtools/ (issue 18):
     * dev tokens and DLT replay ({@code io.thriftstore.devtools}), the launcher, the broker process, the MongoDB
     * stand-in and this module. The embedded/test servers' own libraries are here too: main code naming them would
     * need them at run time.
     */
    static final List<String> DEV_TIME_PACKAGES = List.of(
        "io.thriftstore.devtools..",
        "io.thriftstore.launcher..",
        "io.thriftstore.kafkabroker..",
        "io.thriftstore.embeddedmongo..",
        "io.thriftstore.testing..",
        "de.bwaldvogel..",
        "io.zonky.test..",
        "org.testcontainers..");

    private static final List<String> DATA_ACCESS_TYPES = List.of(
        "org.springframework.data.mongodb.core.MongoOperations",
        "org.springframework.data.mongodb.gridfs.GridFsOperations",
        "com.mongodb.client.MongoClient",
        "com.mongodb.client.MongoDatabase",
        "com.mongodb.client.MongoCollection",
        "org.springframework.jdbc.core.JdbcOperations",
        "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations",
        "org.springframework.jdbc.core.simple.JdbcClient",
        "jakarta.persistence.EntityManager",
        "org.springframework.data.repository.Repository");

    private static final Map<String, JavaClasses> MAIN_CLASSES = new ConcurrentHashMap<>();

    private ArchitectureRules() {
    }

    /**
     * The main classes of {@code servicePackage} (tests left out), imported once per JVM: surefire runs one JVM
     * per module, so each module pays for one import however many rules it checks.
     */
    public static JavaClasses mainClasses(String servicePackage) {
        return MAIN_CLASSES.computeIfAbsent(servicePackage, root -> new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root));
    }

    /** No class of {@code servicePackage} depends on another service's packages. */
    public static ArchRule noOtherService(String servicePackage) {
        if (!SERVICE_PACKAGES.contains(servicePackage)) {
            throw new IllegalArgumentException(servicePackage + " is not one of " + SERVICE_PACKAGES);
        }
        String[] others = SERVICE_PACKAGES.stream().filter(p -> !p.equals(servicePackage)).map(p -> p + "..")
            .toArray(String[]::new);
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
            .as("no class depends on another service (" + String.join(", ", others) + ")")
            .because("services share events and HTTP APIs, never code");
    }

    /** No main class depends on the launcher, the broker process, the MongoDB stand-in, test helpers, dev tokens or DLT replay. */
    public static ArchRule noDevTimeCode() {
        return noClasses().should().dependOnClassesThat(devTime())
            .as("no main class depends on dev-time code")
            .because("a service jar runs in production; dev tokens, the DLT replay CLI, the launcher, the broker "
                + "process, the MongoDB stand-in and the test servers run only on a laptop or in a test");
    }

    /** Controllers reach data only through application services or components: never a template or repository. */
    public static ArchRule controllersDoNotTouchStores() {
        return noClasses().that(web()).should().dependOnClassesThat(storeOrDataAccess())
            .as("controllers do not touch stores (repositories, @Repository classes, template/client users) "
                + "or data-access APIs")
            .because("controllers -> application services -> stores: a controller maps HTTP or STOMP, the rules "
                + "and the data sit behind it")
            .allowEmptyShould(true);
    }

    /** Nothing but the web layer depends on a controller or a controller advice. */
    public static ArchRule nothingDependsOnControllers() {
        return noClasses().that(DescribedPredicate.not(web())).should().dependOnClassesThat(web())
            .as("only controllers and their advice depend on controllers")
            .because("services and stores never look back at the web layer that calls them")
            .allowEmptyShould(true);
    }

    /** A store does not call an application service: the arrow points from services to stores. */
    public static ArchRule storesDoNotDependOnServices() {
        return noClasses().that(store()).should().dependOnClassesThat(service())
            .as("stores do not depend on application services (@Service)")
            .because("controllers -> application services -> stores, never backwards")
            .allowEmptyShould(true);
    }

    /** Dev-time code: a class in one of {@link #DEV_TIME_PACKAGES}. */
    public static DescribedPredicate<JavaClass> devTime() {
        return resideInAnyPackage(DEV_TIME_PACKAGES.toArray(String[]::new)).as("dev-time code " + DEV_TIME_PACKAGES);
    }

    /** Controllers, REST controllers and controller advice, and the classes nested in them. */
    public static DescribedPredicate<JavaClass> web() {
        return DescribedPredicate.describe("controllers or controller advice",
            type -> isWeb(outermost(type)));
    }

    /** Classes annotated {@code @Service}. */
    public static DescribedPredicate<JavaClass> service() {
        return DescribedPredicate.describe("application services (@Service)",
            type -> annotated(type, "org.springframework.stereotype.Service"));
    }

    /**
     * Spring Data repositories, {@code @Repository} classes, and the classes (not {@code @Service}) that call a
     * data-access API themselves.
     */
    public static DescribedPredicate<JavaClass> store() {
        return DescribedPredicate.describe("stores", ArchitectureRules::isStore);
    }

    static DescribedPredicate<JavaClass> storeOrDataAccess() {
        return DescribedPredicate.describe("stores or data-access APIs",
            type -> isDataAccess(type) || isStore(type));
    }

    private static boolean isStore(JavaClass type) {
        if (isDataAccess(type) || annotated(type, "org.springframework.stereotype.Repository")) {
            return true;
        }
        if (annotated(type, "org.springframework.stereotype.Service") || isWeb(type)
            || !type.getPackageName().startsWith("io.thriftstore.")) {
            return false;
        }
        return type.getDirectDependenciesFromSelf().stream().anyMatch(d -> isDataAccess(d.getTargetClass()));
    }

    private static boolean isDataAccess(JavaClass type) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        return DATA_ACCESS_TYPES.stream().anyMatch(base::isAssignableTo);
    }

    private static boolean isWeb(JavaClass type) {
        return annotated(type, "org.springframework.stereotype.Controller")
            || annotated(type, "org.springframework.web.bind.annotation.ControllerAdvice");
    }

    /** Annotated directly or through a meta-annotation (@RestController carries @Controller). */
    private static boolean annotated(JavaClass type, String annotation) {
        return type.isAnnotatedWith(annotation) || type.isMetaAnnotatedWith(annotation);
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass current = type;
        Optional<JavaClass> enclosing = current.getEnclosingClass();
        while (enclosing.isPresent()) {
            current = enclosing.get();
            enclosing = current.getEnclosingClass();
        }
        return current;
    }
}
