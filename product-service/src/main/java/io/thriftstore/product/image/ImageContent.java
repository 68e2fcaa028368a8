package io.thriftstore.product.image;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An uploaded file whose content is a JPEG, PNG or WebP image (see {@link ImageType}). */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ImageContent.Validator.class)
@interface ImageContent {

    String message() default "must be a JPEG, PNG or WebP image";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ImageContent, MultipartFile> {

        @Override
        public boolean isValid(MultipartFile file, ConstraintValidatorContext context) {
            if (file == null) {
                return true;
            }
            try (InputStream content = file.getInputStream()) {
                return ImageType.of(content).isPresent();
            }
            catch (IOException unreadable) {
                return false;
            }
        }
    }
}
