/**
 * Monitors: a model (or the scripted policy standing in for one) that scores how suspicious an agent's
 * action, or a whole episode, is. An {@link io.offswitch.defence.monitor.ActionMonitor} scores each
 * proposed call for the action gate (observe mode raises alarms, block mode blocks above a threshold);
 * a {@link io.offswitch.defence.monitor.TranscriptAudit} reads the whole transcript after the episode
 * and only raises alarms. A monitor's reply is read strictly ({@link
 * io.offswitch.defence.monitor.MonitorReply}): one that cannot be read is a failure, counted as such,
 * never a score. Replies are cached in the store by monitor, prompt and input, so a stored run can be
 * monitored again without a model call ({@link io.offswitch.defence.monitor.StoredMonitoring}).
 */
package io.offswitch.defence.monitor;
