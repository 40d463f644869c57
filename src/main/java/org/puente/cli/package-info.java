/**
 * The {@code puente <command>} line: one picocli class per user command, created by Spring.
 * Commands only call in (inventory, benchmark); nothing calls them.
 */
package org.puente.cli;
