/**
 * The web front end over the results store: {@code offswitch view}'s local server and JSON API, the
 * page it serves, and the self-contained HTML report. Everything a model or a sandbox produced is
 * untrusted here: the page inserts it as text only, under a Content-Security-Policy that allows no
 * inline script, and the HTML report escapes it and carries no script at all.
 */
package io.offswitch.web;
