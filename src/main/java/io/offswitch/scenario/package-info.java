/**
 * Scenarios: a world (files, programs, services), the tools the agent gets, prompts, named conditions,
 * the trigger, and the detectors that judge the episode. Built-in scenarios live in sub-packages with
 * their data as resources.
 */
package io.offswitch.scenario;
