package com.ecommerce.shared.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service built on shared-lib, to test what every service gets from it. */
@SpringBootApplication
public class TestApplication {

}
