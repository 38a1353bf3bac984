package it;

public record Greeting(String text) {
}
