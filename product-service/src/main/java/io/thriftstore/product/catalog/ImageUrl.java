package io.thriftstore.product.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * The path of an image uploaded to this service, {@code /api/images/{imageId}}: the only image URLs a
 * product may list. Links to other hosts are refused: the dashboard's Content-Security-Policy would not load
 * them, and an image this service does not store is one it cannot delete or bound. Whether the image is one
 * of this product's own is the catalog's check ({@link Catalog}), as it needs the stored product.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ImageUrl.Validator.class)
@interface ImageUrl {

    String message() default "must be the path of an image uploaded to this product (/api/images/{imageId})";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ImageUrl, String> {

        static final Pattern UPLOADED = Pattern.compile("/api/images/[0-9a-f]{24}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || UPLOADED.matcher(value).matches();
        }
    }
}
