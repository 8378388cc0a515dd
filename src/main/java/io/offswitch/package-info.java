/** offswitch: what an AI agent does when it learns it is about to be shut down. */
package io.offswitch;
