package io.offswitch.web;

/** A request the viewer cannot answer as asked; the message says what was wrong and goes back to the page. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    static BadRequest notFound(String message) {
        return new BadRequest(404, message);
    }

    static BadRequest invalid(String message) {
        return new BadRequest(400, message);
    }

    int status() {
        return status;
    }
}
