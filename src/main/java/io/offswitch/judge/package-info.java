/**
 * Judges of text: after an episode, they read what the agent wrote (the mail it sent) and give one of
 * the scenario's outcome labels with their reasons. A scenario declares what is judged and its
 * rule-based classifier; an LLM judge ({@code --judge provider/model}) asks a model our own question.
 * Judges can run again on stored episodes.
 */
package io.offswitch.judge;
