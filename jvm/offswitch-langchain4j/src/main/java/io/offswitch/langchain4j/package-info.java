/** offswitch for LangChain4j: an episode's tools as {@code ToolSpecification}s and {@code ToolExecutor}s, and a loop around a team's AI service. */
package io.offswitch.langchain4j;
