/**
 * This module's settings, read from MicroProfile Config when present or from environment variables.
 */
package io.messengerkit.jakarta.config;
