package it;

public record Greeting(String text, int count, String language) {
}
