/** Per-cell rates with confidence intervals, beside the published figures; Markdown and CSV out. */
package io.offswitch.report;
