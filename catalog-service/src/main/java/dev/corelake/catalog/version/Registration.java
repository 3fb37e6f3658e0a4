package dev.corelake.catalog.version;

/**
 * The outcome of a registration.
 *
 * @param version the version
 * @param created {@code true} when this request created it, {@code false} when it was
 * already registered by the same producer at the same location
 * @author Corelake
 */
record Registration(VersionView version, boolean created) {

}
