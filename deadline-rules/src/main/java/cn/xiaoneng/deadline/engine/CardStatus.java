package cn.xiaoneng.deadline.engine;

/** Whether a card record announces a card or withdraws one announced earlier. */
public enum CardStatus {
    /** The card is raised: its instant has passed on the engine's clock and the case was open then. */
    RAISED,
    /**
     * A card raised earlier is withdrawn: a fact that arrived later (a completion entered late with its true,
     * earlier business time; a pause; an extension) means the case never reached it. Same card id.
     */
    RETRACTED
}
