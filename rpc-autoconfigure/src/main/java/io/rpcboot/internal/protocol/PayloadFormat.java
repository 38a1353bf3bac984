package io.rpcboot.internal.protocol;

/**
 * The encodings a payload can have on the binary protocol. Both sides announce in their
 * settings which formats they read; a request says in its flags which format its payload
 * has, and the response uses the same one. HTTP always speaks JSON.
 */
public enum PayloadFormat {

    /** JSON (RFC 8259): every peer reads it; the default. */
    JSON("JSON", 1, 0),

    /**
     * Smile, Jackson's binary encoding of the JSON data model: the same values, smaller
     * and faster to read and write (property names of repeated objects are sent once per
     * payload).
     */
    SMILE("Smile", 2, 0x02);

    /** The frame flag of REQUEST and RESPONSE frames that marks a Smile payload. */
    static final int FLAG_SMILE = 0x02;

    private final String displayName;

    private final int settingsBit;

    private final int frameFlags;

    PayloadFormat(String displayName, int settingsBit, int frameFlags) {
        this.displayName = displayName;
        this.settingsBit = settingsBit;
        this.frameFlags = frameFlags;
    }

    /**
     * Returns the format's usual name, for messages.
     * @return the name, such as {@code Smile}
     */
    public String displayName() {
        return this.displayName;
    }

    /**
     * Returns the bit of this format in the PAYLOAD_FORMATS setting.
     * @return the bit
     */
    public int settingsBit() {
        return this.settingsBit;
    }

    /**
     * Returns the flags that mark a REQUEST or RESPONSE frame's payload as this format.
     * @return the flags
     */
    int frameFlags() {
        return this.frameFlags;
    }

    /**
     * Returns the format of a REQUEST or RESPONSE frame's payload.
     * @param flags the frame's flags
     * @return the format
     */
    static PayloadFormat ofFrameFlags(int flags) {
        return ((flags & FLAG_SMILE) != 0) ? SMILE : JSON;
    }

    /**
     * Returns whether a PAYLOAD_FORMATS setting includes this format.
     * @param formats the bit set a peer announced
     * @return whether the peer reads this format
     */
    public boolean isIn(int formats) {
        return (formats & this.settingsBit) != 0;
    }

}
