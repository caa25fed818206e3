package io.pveflow.server.notifications;

/** Delivers one message to one kind of service. One attempt per call; retrying is the caller's business. */
interface Channel {

    NotifierType type();

    /**
     * Makes one attempt.
     *
     * @throws DeliveryFailure when the service did not take the message, saying whether trying again may help
     */
    void deliver(NotifierTarget target, OutgoingMessage message) throws DeliveryFailure;
}
