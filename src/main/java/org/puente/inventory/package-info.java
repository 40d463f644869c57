/**
 * The inventory: where documents come from and the register of what was found.
 *
 * <p>Owns the sources ({@link org.puente.inventory.FolderSource}, the web sources in
 * {@code web}), the inventory job (discover, extract, sweep, register: see
 * {@link org.puente.inventory.InventoryJobConfiguration}), the register in the database
 * ({@link org.puente.inventory.DocumentRepository}) and its CSV/JSON export. It calls
 * {@code config} and {@code extraction}; later stages read the register through
 * {@link org.puente.inventory.DocumentRepository} (documents, locations, extracted text).
 */
package org.puente.inventory;
