package io.thriftstore.product.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * An absolute http or https URL with a host (no {@code javascript:}, {@code data:} or {@code file:} links
 * in a page that renders them), at most 2048 characters; or the path of an image uploaded to this service.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ImageUrl.Validator.class)
@interface ImageUrl {

    String message() default "must be an http or https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ImageUrl, String> {

        private static final int MAX_LENGTH = 2048;
        private static final Pattern UPLOADED = Pattern.compile("/api/images/[0-9a-f]{24}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (UPLOADED.matcher(value).matches()) {
                return true;
            }
            if (value.length() > MAX_LENGTH) {
                return false;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null;
            }
            catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
