package io.rpcboot.internal.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes a {@link Contract} as JSON, the file {@code rpc-contract.json}:
 * indented, every map and list sorted, so that two versions of a contract diff line by
 * line.
 */
public final class ContractJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();

    private static final JsonMapper COMPACT_MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();

    private ContractJson() {
    }

    /**
     * Returns the JSON form of a contract.
     * @param contract the contract
     * @return its JSON, ending with a line break
     */
    public static String write(Contract contract) {
        return MAPPER.writeValueAsString(contract) + "\n";
    }

    /**
     * Returns the JSON form of a contract without indentation, as a server sends it to
     * clients.
     * @param contract the contract
     * @return its JSON as UTF-8 bytes
     */
    public static byte[] writeCompact(Contract contract) {
        return COMPACT_MAPPER.writeValueAsBytes(contract);
    }

    /**
     * Writes a contract to a file, creating its directory.
     * @param contract the contract
     * @param file the file
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Contract contract, Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            Files.writeString(file, write(contract), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /**
     * Reads the JSON form of a contract.
     * @param json the JSON
     * @return the contract
     * @throws IllegalArgumentException when the JSON is not a contract this version reads
     */
    public static Contract read(String json) {
        Contract contract;
        try {
            contract = MAPPER.readValue(json, Contract.class);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("not an rpc contract: " + ex.getOriginalMessage(), ex);
        }
        if (contract == null) {
            throw new IllegalArgumentException("not an rpc contract: null");
        }
        if (contract.formatVersion() != Contract.FORMAT_VERSION) {
            throw new IllegalArgumentException("the contract's format version is " + contract.formatVersion()
                    + ", this version of rpcboot reads " + Contract.FORMAT_VERSION);
        }
        return contract;
    }

    /**
     * Reads a contract from a file.
     * @param file the file
     * @return the contract
     * @throws IllegalArgumentException when the file is not a contract this version reads
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Contract read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

}
