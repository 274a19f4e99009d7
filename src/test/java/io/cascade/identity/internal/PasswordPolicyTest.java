package io.cascade.identity.internal;

import io.cascade.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "short1!, a@b.io",
            "aaaaaaaaaaaa, a@b.io",
            "ababababab12, a@b.io",
            "xx-johnsmith-99, johnsmith@b.io"
    })
    void weakPasswordsAreRefused(String password, String email) {
        assertThatThrownBy(() -> PasswordPolicy.check("password", password, email))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "correct-horse-battery, jane@b.io",
            "Tree-Password-42, admin@x.test"
    })
    void reasonablePasswordsPass(String password, String email) {
        assertThatCode(() -> PasswordPolicy.check("password", password, email)).doesNotThrowAnyException();
    }
}
