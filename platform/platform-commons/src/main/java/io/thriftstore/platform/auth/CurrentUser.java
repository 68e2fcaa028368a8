package io.thriftstore.platform.auth;

/**
 * The caller, as proven by a verified token: {@code id} is the token's {@code sub} (a Clerk user id),
 * {@code name} its display name (see {@link DisplayNames}). Controllers take it as a parameter
 * ({@code CurrentUser user}, or {@code Optional<CurrentUser>} on public endpoints); identity never
 * comes from a body or query parameter.
 */
public record CurrentUser(String id, String name) {
}
