package io.thriftstore.product.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.beans.factory.annotation.Value;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Absent, or the platform currency ({@code thriftstore.currency}, compared ignoring case). */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlatformCurrency.Validator.class)
@interface PlatformCurrency {

    String message() default "must be {currency}, the only currency of this marketplace";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Built by Spring (its constraint validator factory injects the configured currency). */
    class Validator implements ConstraintValidator<PlatformCurrency, String> {

        private final String currency;

        Validator(@Value("${thriftstore.currency:USD}") String currency) {
            this.currency = currency;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.equalsIgnoreCase(currency)) {
                return true;
            }
            context.unwrap(org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext.class)
                .addMessageParameter("currency", currency);
            return false;
        }
    }
}
