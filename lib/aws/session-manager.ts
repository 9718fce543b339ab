/**
 * Session Manager facts the config rules and the SessionManager construct share: its preference
 * ranges, its documents and the interface endpoints it needs.
 */

/**
 * Idle timeout range in minutes (`idleSessionTimeout`: 1-60); `default` is the 20 minutes AWS applies
 * when the preference is unset.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-timeout.html
 */
export const IDLE_TIMEOUT_MINUTES = { min: 1, max: 60, default: 20 } as const;

/**
 * Maximum session duration range in minutes (`maxSessionDuration`: 1-1,440); `default` is this
 * landing zone's (AWS sets no limit when the preference is unset).
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-max-timeout.html
 */
export const MAX_SESSION_MINUTES = { min: 1, max: 1440, default: 60 } as const;

/**
 * The session preferences document Session Manager reads for every standard shell session of the
 * account and Region. https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-default-session-document.html
 */
export const SESSION_DOCUMENT_NAME = 'SSM-SessionManagerRunShell';

/** The AWS-owned port forwarding document. https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-sessions-start.html */
export const PORT_FORWARDING_DOCUMENT_NAME = 'AWS-StartPortForwardingSession';

/**
 * The three interface endpoints Session Manager needs in a VPC without internet access (the SSM
 * endpoint list). https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
 */
export const SSM_ENDPOINT_SERVICES = ['ssm', 'ssmmessages', 'ec2messages'] as const;
