package io.thriftstore.platform.auth;

import io.thriftstore.devtools.tokens.DevTokens;
import io.thriftstore.platform.web.testapp.SampleAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class BearerTokenTests extends SampleAppTest {

    private static final String UNAUTHORIZED = "https://thriftstore.dev/problems/unauthorized";

    @Test
    void aValidDevTokenIdentifiesTheCallerByItsSubjectAndName() throws Exception {
        String userId = newUserId();
        mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, bearer(userId, "Ada Lovelace")))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.id").value(userId))
            .andExpect(jsonPath("$.name").value("Ada Lovelace"));
    }

    @Test
    void aTokenWithoutANameClaimIsNamedByItsId() throws Exception {
        String userId = newUserId();
        mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, bearer(DevTokens.Claims.of(userId))))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.name").value(userId));
    }

    @Test
    void aRequestWithoutATokenIs401ProblemWithABearerChallenge() throws Exception {
        mvc.perform(get("/api/me"))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(UNAUTHORIZED))
            .andExpect(jsonPath("$.status").value(401))
            .andExpect(jsonPath("$.instance").value("/api/me"));
    }

    @Test
    void anExpiredTokenIsRejected() throws Exception {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        DevTokens.Claims expired = DevTokens.Claims.of(newUserId()).issuedAt(anHourAgo).ttl(Duration.ofMinutes(5));
        expectRejected(bearer(expired));
    }

    @Test
    void aTokenWithoutAnExpiryIsRejectedAlthoughTheKeySignedIt() throws Exception {
        JWTClaimsSet forever = claims(newUserId()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), forever);
        jwt.sign(new RSASSASigner(KEYS.privateKey()));
        expectRejected("Bearer " + jwt.serialize());
    }

    @Test
    void anUnsignedTokenIsRejected() throws Exception {
        expectRejected("Bearer " + new PlainJWT(claims(newUserId()).expirationTime(inAnHour()).build()).serialize());
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRejected() throws Exception {
        // The classic key-confusion attack: the public key is no secret, so it must never verify an HMAC.
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(newUserId()).expirationTime(inAnHour()).build());
        jwt.sign(new MACSigner(KEYS.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        expectRejected("Bearer " + jwt.serialize());
        jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(newUserId()).expirationTime(inAnHour()).build());
        jwt.sign(new MACSigner(KEYS.publicKey().getEncoded()));
        expectRejected("Bearer " + jwt.serialize());
    }

    @Test
    void aTokenThatIsNotYetValidIsRejected() throws Exception {
        expectRejected(bearer(DevTokens.Claims.of(newUserId()).notBefore(Instant.now().plus(Duration.ofMinutes(10)))));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRejected() throws Exception {
        expectRejected("Bearer " + DevTokens.generate().sign(newUserId(), "Mallory"));
    }

    @Test
    void aTokenOfAnotherIssuerIsRejectedWhenAnIssuerIsConfigured() throws Exception {
        expectRejected(bearer(DevTokens.Claims.of(newUserId()).issuer("https://evil.example")));
    }

    @Test
    void aTokenMintedForAnOriginWeDoNotAllowIsRejected() throws Exception {
        expectRejected(bearer(DevTokens.Claims.of(newUserId()).azp("https://evil.example")));
    }

    @Test
    void aTokenMintedForAnyAllowedOriginOrForNoneIsAccepted() throws Exception {
        mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, bearer(DevTokens.Claims.of(newUserId()).azp("https://shop.example"))))
            .andExpect(status().isOk());
        mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, bearer(DevTokens.Claims.of(newUserId()).azp(null))))
            .andExpect(status().isOk());
    }

    @Test
    void garbageInTheAuthorizationHeaderIsRejected() throws Exception {
        expectRejected("Bearer not-a-jwt");
    }

    @Test
    void aServicePublicEndpointAnswersWithoutAToken() throws Exception {
        mvc.perform(get("/api/public/whoami"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.anonymous").value(true));
        mvc.perform(post("/api/public/bulk").contentType(MediaType.APPLICATION_JSON).content("[1,2]"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[1]").value(2));
    }

    @Test
    void aPublicEndpointStillKnowsACallerWhoSendsAToken() throws Exception {
        String userId = newUserId();
        mvc.perform(get("/api/public/whoami").header(HttpHeaders.AUTHORIZATION, bearer(userId, "Ada")))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.anonymous").value(false))
            .andExpect(jsonPath("$.id").value(userId));
    }

    @Test
    void publicIsPerMethodSoWritesToAReadOnlyPublicPathNeedAToken() throws Exception {
        mvc.perform(post("/api/public/whoami"))
            .andExpect(status().isUnauthorized());
    }

    @Test
    void aBadTokenIsRejectedEvenOnAPublicPath() throws Exception {
        mvc.perform(get("/api/public/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt"))
            .andExpect(status().isUnauthorized());
    }

    @Test
    void healthAnswersWithoutAToken() throws Exception {
        mvc.perform(get("/actuator/health"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("UP"));
    }

    /** Everything a valid dev token has except exp. */
    private static JWTClaimsSet.Builder claims(String userId) {
        Date now = new Date();
        return new JWTClaimsSet.Builder().subject(userId).issueTime(now).notBeforeTime(now)
            .issuer(DevTokens.DEFAULT_ISSUER).claim("azp", DevTokens.DEFAULT_AZP).claim("name", "Mallory");
    }

    private static Date inAnHour() {
        return Date.from(Instant.now().plus(Duration.ofHours(1)));
    }

    private void expectRejected(String authorization) throws Exception {
        mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, authorization))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")))
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(UNAUTHORIZED))
            .andExpect(content().string(not(containsString("Exception"))));
    }
}
