package io.thriftstore.launcher;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.thriftstore.devtools.tokens.DevTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./thriftstore up --demo}: a lively marketplace through the public APIs, exactly as
 * users would make it: four people, items with photos (drawn here, so nothing is
 * downloaded), wishes, orders in several states, reviews, a price drop and conversations.
 * Every person has something in each view: orders, sales, a conversation, notifications.
 * The people are written to {@code <data>/demo-people.json}, which the dashboard's dev
 * sign-in page offers as one-click choices. Runs once per data directory.
 */
final class DemoData {

    /** A demo person; {@code about} is what the sign-in page says they are up to. */
    record Person(String id, String name, String about) {
    }

    static final Person ALICE = new Person("user_demo_alice", "Alice Martin",
            "Sells a lamp, books and a guitar; bought Carla's bookshelf; chats with Dan.");
    static final Person BOB = new Person("user_demo_bob", "Bob Chen",
            "Bought Alice's lamp and reviewed it; sells a bike and a keyboard; chats with Carla.");
    static final Person CARLA = new Person("user_demo_carla", "Carla Diaz",
            "Waiting for a shipped book; sold a bookshelf; wants Bob's bike and chats with him.");
    static final Person DAN = new Person("user_demo_dan", "Dan Okafor",
            "Sold a board game (5 stars); has a keyboard on order and one order cancelled; chats with Alice.");
    static final List<Person> PEOPLE = List.of(ALICE, BOB, CARLA, DAN);

    record Item(Person seller, String name, String description, String price, String category, String condition,
                int quantity, Color from, Color to) {
    }

    static final List<Item> ITEMS = List.of(
            new Item(ALICE, "Brass desk lamp", "Warm light, rewired last year. A few honest scratches.", "35.00",
                    "furniture", "GOOD", 1, new Color(0xC8A24A), new Color(0x3B2F1E)),
            new Item(ALICE, "The Left Hand of Darkness (paperback)", "Le Guin classic, 1987 printing, spine intact.",
                    "8.50", "books", "LIKE_NEW", 1, new Color(0x4A6FA5), new Color(0x1B2A41)),
            new Item(ALICE, "Cast iron skillet, 26 cm", "Seasoned and ready. Heavy, so pick-up preferred.", "22.00",
                    "kitchen", "GOOD", 2, new Color(0x444444), new Color(0x111111)),
            new Item(ALICE, "Acoustic guitar", "Spruce top, new strings, soft case included.", "120.00", "music", "GOOD",
                    1, new Color(0xD98E04), new Color(0x5C3A00)),
            new Item(BOB, "Road bike, 56 cm frame", "Aluminium frame, 2x9 gears, serviced in spring.", "260.00",
                    "sports", "FAIR", 1, new Color(0x2E8B57), new Color(0x0B3D2E)),
            new Item(BOB, "Mechanical keyboard", "Brown switches, all keys work, USB-C.", "45.00", "electronics",
                    "LIKE_NEW", 3, new Color(0x6C5CE7), new Color(0x2D1B69)),
            new Item(BOB, "Fountain pen set", "Two pens and a bottle of blue ink.", "18.00", "stationery", "NEW", 4,
                    new Color(0x0984E3), new Color(0x0A3D62)),
            new Item(CARLA, "Wool winter coat (M)", "Charcoal, warm, dry-cleaned.", "55.00", "clothing", "GOOD", 1,
                    new Color(0x636E72), new Color(0x2D3436)),
            new Item(CARLA, "Oak bookshelf", "Five shelves, 180 x 80 cm, easy to take apart.", "70.00", "furniture",
                    "GOOD", 1, new Color(0xB07D48), new Color(0x5B3A1A)),
            new Item(DAN, "Catan board game (complete)", "Every piece counted twice. Box a bit worn.", "20.00", "other",
                    "GOOD", 1, new Color(0xE17055), new Color(0x6D2B1A)),
            new Item(DAN, "Desk plant in a ceramic pot", "A happy pothos, easy to keep alive.", "12.00", "other", "GOOD",
                    2, new Color(0x55A868), new Color(0x1E4D2B)));

    private final Path data;
    private final int offset;
    private final DevTokens keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    DemoData(Path data, int offset) {
        this.data = data;
        this.offset = offset;
        this.keys = DevKeys.in(data);
    }

    /** Seeds the platform unless this data directory has been seeded before. */
    void seedOnce() throws Exception {
        Path marker = data.resolve("demo.done");
        if (Files.exists(marker)) {
            System.out.println("Demo data is already there (remove " + marker + " or use --reset to seed again).");
            return;
        }
        seed();
        writePeople();
        Files.writeString(marker, Instant.now() + "\n");
    }

    /** For the dashboard's dev sign-in page (frontend/app/api/dev-people): who to offer as one-click choices. */
    private void writePeople() throws IOException {
        List<Map<String, String>> people = PEOPLE.stream()
                .map(p -> Map.of("id", p.id(), "name", p.name(), "about", p.about())).toList();
        Files.writeString(data.resolve("demo-people.json"), json.writeValueAsString(people));
    }

    private void seed() throws Exception {
        // Saved searches go first, so that listing the items below is what matches them (NEW_MATCH is sent when a
        // product is listed): consumer-service's saved searches hook in here.
        savedSearches();

        List<String> ids = new ArrayList<>();
        for (Item item : ITEMS) {
            JsonNode product = expect(201, call("POST", 5010, "/api/products", item.seller(), json.writeValueAsString(Map.of(
                    "name", item.name(), "description", item.description(), "price", new BigDecimal(item.price()),
                    "category", item.category(), "condition", item.condition(), "quantity", item.quantity()))));
            String id = product.path("id").asString();
            uploadPhoto(item, id);
            ids.add(id);
        }
        String lamp = ids.get(0);
        String book = ids.get(1);
        String guitar = ids.get(3);
        String bike = ids.get(4);
        String keyboard = ids.get(5);
        String coat = ids.get(7);
        String bookshelf = ids.get(8);
        String boardGame = ids.get(9);

        // Wishes: sellers hear of them (anonymously); wishers hear of price drops later.
        expect(201, call("PUT", 5011, "/api/wishlist/items/" + guitar, BOB, null));
        expect(201, call("PUT", 5011, "/api/wishlist/items/" + bike, CARLA, null));
        expect(201, call("PUT", 5011, "/api/wishlist/items/" + coat, DAN, null));

        // Orders in several states.
        String delivered = order(BOB, lamp, 1);
        awaitStatus(BOB, delivered, "CONFIRMED");
        change(ALICE, delivered, "SHIPPED");
        change(ALICE, delivered, "DELIVERED");

        String shipped = order(CARLA, book, 1);
        awaitStatus(CARLA, shipped, "CONFIRMED");
        change(ALICE, shipped, "SHIPPED");

        String confirmed = order(DAN, keyboard, 1);
        awaitStatus(DAN, confirmed, "CONFIRMED");

        String cancelled = order(DAN, coat, 1);
        awaitStatus(DAN, cancelled, "CONFIRMED");
        expect(200, call("PATCH", 5014, "/api/orders/" + cancelled, DAN,
                "{\"status\":\"CANCELLED\",\"reason\":\"Found one closer to home\"}"));

        // Delivered orders with reviews: each seller hears REVIEW_RECEIVED and shows a rating.
        review(BOB, delivered, 5, "Lovely warm light, exactly as described. Alice even threw in a spare bulb.");

        String bookshelfOrder = order(ALICE, bookshelf, 1);
        awaitStatus(ALICE, bookshelfOrder, "CONFIRMED");
        change(CARLA, bookshelfOrder, "SHIPPED");
        change(CARLA, bookshelfOrder, "DELIVERED");
        review(ALICE, bookshelfOrder, 4, "Solid oak and easy to assemble; one shelf pin was missing.");

        String boardGameOrder = order(CARLA, boardGame, 1);
        awaitStatus(CARLA, boardGameOrder, "CONFIRMED");
        change(DAN, boardGameOrder, "SHIPPED");
        change(DAN, boardGameOrder, "DELIVERED");
        review(CARLA, boardGameOrder, 5, null);

        // A price drop for Bob's wish.
        expect(200, call("PATCH", 5010, "/api/products/" + guitar, ALICE, "{\"price\":99.00}"));

        // A conversation about the bike.
        String conversation = expect(201, call("POST", 5012, "/api/conversations", CARLA,
                json.writeValueAsString(Map.of("participantId", BOB.id(), "productId", bike)))).path("id").asString();
        say(CARLA, conversation, "Hi Bob! Is the road bike still available?");
        say(BOB, conversation, "It is. Want to take it for a spin on Saturday?");
        say(CARLA, conversation, "Perfect, see you at 10.");

        // And one about the skillet, so that Alice and Dan have a conversation too.
        String skillet = ids.get(2);
        String aboutSkillet = expect(201, call("POST", 5012, "/api/conversations", DAN,
                json.writeValueAsString(Map.of("participantId", ALICE.id(), "productId", skillet)))).path("id").asString();
        say(DAN, aboutSkillet, "Hi Alice, would you take 18 for the skillet?");
        say(ALICE, aboutSkillet, "Make it 20 and it's yours.");

        System.out.println("Demo data: " + ITEMS.size() + " items, 6 orders, 3 reviews, 2 conversations, a saved search. Sign in as "
                + "(one click on the dashboard's sign-in page):");
        for (Person p : PEOPLE) {
            System.out.printf("  %-16s %s%n", p.id(), p.name());
        }
    }

    /**
     * consumer-service's saved searches (DESIGN "saved searches"): Dan looks for a keyboard under 60, so listing
     * Bob's mechanical keyboard below tells him NEW_MATCH (and he then buys it).
     */
    private void savedSearches() throws Exception {
        expect(201, call("POST", 5013, "/api/saved-searches", DAN,
                "{\"q\":\"keyboard\",\"category\":\"electronics\",\"maxPrice\":60}"));
    }

    private void review(Person buyer, String orderId, int rating, String comment) throws Exception {
        Map<String, Object> body = comment == null ? Map.of("rating", rating) : Map.of("rating", rating, "comment", comment);
        expect(201, call("POST", 5014, "/api/orders/" + orderId + "/review", buyer, json.writeValueAsString(body)));
    }

    private String order(Person buyer, String productId, int quantity) throws Exception {
        return expect(201, call("POST", 5014, "/api/orders", buyer,
                "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}")).path("id").asString();
    }

    private void change(Person actor, String orderId, String status) throws Exception {
        expect(200, call("PATCH", 5014, "/api/orders/" + orderId, actor, "{\"status\":\"" + status + "\"}"));
    }

    private void awaitStatus(Person party, String orderId, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = expect(200, call("GET", 5014, "/api/orders/" + orderId, party, null)).path("status").asString();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("order " + orderId + " stayed " + seen + ", expected " + status);
    }

    private void say(Person sender, String conversationId, String text) throws Exception {
        expect(202, call("POST", 5012, "/api/conversations/" + conversationId + "/messages", sender,
                json.writeValueAsString(Map.of("text", text, "clientMessageId", UUID.randomUUID().toString()))));
        Thread.sleep(300); // keeps the three messages in the order they were written
    }

    private void uploadPhoto(Item item, String productId) throws Exception {
        String boundary = "thriftstore-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(photo(item));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri(5010, "/api/products/" + productId + "/images"))
                .header("Authorization", "Bearer " + token(item.seller()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .timeout(Duration.ofSeconds(30))
                .build();
        expect(201, http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** A simple still life in the item's colours: drawn, not downloaded, and no fonts needed. */
    static byte[] photo(Item item) {
        int w = 800;
        int h = 600;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0xF5F1EA), 0, h, new Color(0xE4DCCF)));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(0, 0, 0, 40));
            g.fillOval(w / 2 - 220, h - 150, 440, 70);
            g.setPaint(new GradientPaint(w / 2f - 160, 120, item.from(), w / 2f + 160, 460, item.to()));
            int seed = Math.abs(item.name().hashCode());
            switch (seed % 3) {
                case 0 -> g.fillRoundRect(w / 2 - 160, 120, 320, 340, 40, 40);
                case 1 -> g.fillOval(w / 2 - 170, 110, 340, 360);
                default -> g.fillPolygon(new int[] {w / 2, w / 2 + 190, w / 2 - 190}, new int[] {100, 470, 470}, 3);
            }
            g.setColor(new Color(255, 255, 255, 70));
            g.fillOval(w / 2 - 90, 170, 70, 40);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> call(String method, int basePort, String path, Person caller, String jsonBody)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(basePort, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(caller));
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(Person person) {
        return keys.sign(DevTokens.Claims.of(person.id()).name(person.name()).azp(DevKeys.dashboardOrigin(offset)));
    }

    private JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + status + "): " + response.body());
        }
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }

    private URI uri(int basePort, String path) {
        return URI.create("http://localhost:" + (basePort + offset) + path);
    }
}
