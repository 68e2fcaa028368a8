package io.thriftstore.wschat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class WsChatServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(WsChatServiceApplication.class, args);
    }
}
