/**
 * Generated from docs/openapi.json by openapi-typescript (`npx tsx scripts/openapi.ts`): do not edit.
 * A test fails when it is not what the document gives.
 */
export interface paths {
    "/identity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the caller is: the identity and role of its key or token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            role: "platform" | "manager" | "lead" | "hunter" | "dfir" | "viewer" | "admin";
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "platform" | "manager" | "lead" | "hunter" | "dfir" | "viewer" | "admin";
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key (admin)
         * @description Names are identities, unique across API keys and OIDC subjects: a name that is taken is refused with 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string & unknown;
                        /** @enum {string} */
                        role: "platform" | "manager" | "lead" | "hunter" | "dfir" | "viewer" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description where the created resource is read */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "platform" | "manager" | "lead" | "hunter" | "dfir" | "viewer" | "admin";
                            key: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description revoked: the key no longer authenticates */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch one mission (Server-Sent Events) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the id of the last event received: the stream resumes after it */
                    "last-event-id"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description `audit` events (id: the entry's sequence number), then `end` when the mission ends: `event:`, `id:` and `data:` (JSON) lines, an empty line after each event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch all missions: phase, gate, lead, overrun and failed-effect changes (Server-Sent Events) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a `mission` event (the mission list entry) whenever an active mission changes, and `ended` ({ missionId }) when one is no longer active: `event:`, `id:` and `data:` (JSON) lines, an empty line after each event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List missions */
        get: {
            parameters: {
                query?: {
                    phase?: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                    status?: "active" | "completed" | "not_qualified" | "cancelled";
                    type?: "EAVD";
                    code?: string & unknown;
                    lead?: string & unknown;
                    overrun?: "true" | "false";
                    codeName?: string & (unknown & unknown);
                    /** @description the nextCursor of the previous page */
                    cursor?: string & unknown;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missions: {
                                missionId: string;
                                code: string;
                                iteration: number;
                                type: string;
                                codeName: string;
                                displayName: string;
                                status: string;
                                phase: string;
                                lead: string | null;
                                openGate: string | null;
                                gateOpenedAt: string | null;
                                overrun: boolean;
                                deadline: string | null;
                                failedEffects: number;
                                findings: number;
                                /** @description findings escalated to incident response */
                                escalated: number;
                                /** @description Total Hunt Duration and Execution Phase Duration as the mission last wrote them */
                                clocks: {
                                    total: {
                                        startedAt: string | null;
                                        stoppedAt: string | null;
                                        allocatedHours: number | null;
                                        deadline: string | null;
                                        warningsSent: number[];
                                        overrun: boolean;
                                    };
                                    execution: {
                                        startedAt: string | null;
                                        stoppedAt: string | null;
                                        allocatedHours: number | null;
                                        deadline: string | null;
                                        warningsSent: number[];
                                        overrun: boolean;
                                    };
                                };
                                /** @description the policy's warning fractions of an allocation */
                                clockWarnings: number[];
                                createdAt: string;
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Start a mission */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type: "EAVD";
                        codeName: string & (unknown & unknown);
                        topic: string & unknown;
                        /**
                         * @default request
                         * @enum {string}
                         */
                        trigger?: "intel" | "incident" | "schedule" | "request";
                        /** @default [] */
                        keywords?: (string & unknown)[];
                        /** @default [] */
                        stakeholders?: (string & unknown)[];
                        /** @default [] */
                        audience?: (string & unknown)[];
                        brand?: {
                            domains: (string & unknown)[];
                            /** @default [] */
                            keywords?: (string & unknown)[];
                            lookalikes?: {
                                /**
                                 * @default common
                                 * @enum {string}
                                 */
                                tldFamily?: "none" | "common" | "all";
                                /** @default false */
                                publicSuffixes?: boolean;
                                /** @default false */
                                dynamicDns?: boolean;
                                /** @default true */
                                combosquattingDictionary?: boolean;
                                /** @default false */
                                allHomoglyphs?: boolean;
                            };
                        };
                        /** @enum {string} */
                        huntType?: "hypothesis-driven" | "baseline" | "model-assisted" | "intel-driven";
                        techniques?: (string & unknown)[];
                        /** @default {} */
                        policy?: {
                            /** @default 0.75 */
                            maxExecutionRatio?: number;
                            /** @default 2 */
                            minSquadSize?: number;
                            /**
                             * @default [
                             *       0.5,
                             *       0.8,
                             *       1
                             *     ]
                             */
                            clockWarnings?: number[];
                            /** @default 24 */
                            gateReminderHours?: number;
                            /** @default false */
                            autoAdvanceOnExecutionExpiry?: boolean;
                            /** @default 60 */
                            heartbeatMinutes?: number;
                            /** @default 360 */
                            sweepIntervalMinutes?: number;
                            /** @default 240 */
                            silentAfterMinutes?: number;
                            /** @default {} */
                            prioritisation?: {
                                /** @default {} */
                                weights?: {
                                    /** @default 2 */
                                    dataAvailability?: number;
                                    /** @default 1.5 */
                                    informationQuality?: number;
                                    /** @default 1 */
                                    skillsets?: number;
                                    /** @default 1 */
                                    resourceConstraints?: number;
                                    /** @default 1 */
                                    timelines?: number;
                                    /** @default 3 */
                                    crownJewelsImpacted?: number;
                                    /** @default 2 */
                                    majorVulnerabilities?: number;
                                    /** @default 2 */
                                    emergentThreat?: number;
                                };
                                /** @default 0.5 */
                                qualifyAt?: number;
                            };
                            /** @default 4 */
                            effectConcurrency?: number;
                            /** @default 5 */
                            effectMaxAttempts?: number;
                            /** @default 2 */
                            effectRetrySeconds?: number;
                            /** @default 10000 */
                            maxHistoryEvents?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missionId: string;
                            code: string;
                            iteration: number;
                            displayName: string;
                            created: boolean;
                            previousMissionId?: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description where the created resource is read */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missionId: string;
                            code: string;
                            iteration: number;
                            displayName: string;
                            created: boolean;
                            previousMissionId?: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a mission (a bounded summary) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MissionSummary"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mission's findings, paged and filtered */
        get: {
            parameters: {
                query?: {
                    category?: "visibility-gap" | "security-control-issue" | "detection-opportunity" | "hunt-opportunity" | "suspicious-security-event" | "ti-event-of-interest";
                    status?: "open" | "escalated" | "withdrawn";
                    severity?: "info" | "low" | "medium" | "high" | "critical";
                    /** @description an observable value (domain, address, URL, hash, email), compared without case */
                    observable?: string & unknown;
                    observableType?: "domain" | "ipv4" | "ipv6" | "url" | "hash" | "email";
                    /** @description an ATT&CK technique id the finding carries */
                    technique?: string & unknown;
                    /** @description oldest first (asc, the default) or newest first (desc) */
                    order?: "asc" | "desc";
                    /** @description the nextCursor of the previous page */
                    cursor?: string & unknown;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Finding"][];
                            /** @description pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Record a finding */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        category: "visibility-gap" | "security-control-issue" | "detection-opportunity" | "hunt-opportunity" | "suspicious-security-event" | "ti-event-of-interest";
                        title: string & unknown;
                        /** @default  */
                        description?: string;
                        /** @enum {string} */
                        severity: "info" | "low" | "medium" | "high" | "critical";
                        /** @default [] */
                        evidence?: {
                            /** @enum {string} */
                            kind: "query" | "dns" | "certificate" | "registration" | "web" | "note" | "other";
                            summary: string & unknown;
                            artifact?: {
                                name: string;
                                path: string;
                                bytes: number;
                                sha256: string;
                            };
                        }[];
                        /** @default [] */
                        observables?: {
                            /** @enum {string} */
                            type: "domain" | "ipv4" | "ipv6" | "url" | "hash" | "email";
                            value: string & unknown;
                        }[];
                        sourceKey?: string;
                        /** @default [] */
                        flags?: ("playbook" | "battlefield-intel")[];
                        proposedRule?: string;
                        techniques?: (string & unknown)[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            created: boolean;
                            finding: components["schemas"]["Finding"];
                            mission: {
                                /** @enum {string} */
                                phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                                /** @enum {string} */
                                status: "active" | "completed" | "not_qualified" | "cancelled";
                                openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                                id?: string;
                                created?: boolean;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description where the created resource is read */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            created: boolean;
                            finding: components["schemas"]["Finding"];
                            mission: {
                                /** @enum {string} */
                                phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                                /** @enum {string} */
                                status: "active" | "completed" | "not_qualified" | "cancelled";
                                openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                                id?: string;
                                created?: boolean;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/findings/{findingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a finding */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Finding"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search findings across missions */
        get: {
            parameters: {
                query?: {
                    category?: "visibility-gap" | "security-control-issue" | "detection-opportunity" | "hunt-opportunity" | "suspicious-security-event" | "ti-event-of-interest";
                    status?: "open" | "escalated" | "withdrawn";
                    severity?: "info" | "low" | "medium" | "high" | "critical";
                    /** @description an observable value (domain, address, URL, hash, email), compared without case */
                    observable?: string & unknown;
                    observableType?: "domain" | "ipv4" | "ipv6" | "url" | "hash" | "email";
                    /** @description an ATT&CK technique id the finding carries */
                    technique?: string & unknown;
                    /** @description findings recorded at or after this time */
                    since?: string & (unknown & unknown);
                    /** @description findings recorded before this time */
                    until?: string & (unknown & unknown);
                    /** @description the nextCursor of the previous page */
                    cursor?: string & unknown;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                category: "visibility-gap" | "security-control-issue" | "detection-opportunity" | "hunt-opportunity" | "suspicious-security-event" | "ti-event-of-interest";
                                title: string & unknown;
                                /** @default  */
                                description: string;
                                /** @enum {string} */
                                severity: "info" | "low" | "medium" | "high" | "critical";
                                /** @default [] */
                                evidence: {
                                    /** @enum {string} */
                                    kind: "query" | "dns" | "certificate" | "registration" | "web" | "note" | "other";
                                    summary: string & unknown;
                                    artifact?: {
                                        name: string;
                                        path: string;
                                        bytes: number;
                                        sha256: string;
                                    };
                                }[];
                                /** @default [] */
                                observables: {
                                    /** @enum {string} */
                                    type: "domain" | "ipv4" | "ipv6" | "url" | "hash" | "email";
                                    value: string & unknown;
                                }[];
                                sourceKey?: string;
                                /** @default [] */
                                flags: ("playbook" | "battlefield-intel")[];
                                proposedRule?: string;
                                techniques?: (string & unknown)[];
                                id: string;
                                /** @enum {string} */
                                status: "open" | "escalated" | "withdrawn";
                                author: string;
                                at: string;
                                withdrawnReason?: string;
                                ticket?: {
                                    system: string;
                                    id: string;
                                    url?: string;
                                };
                                escalation?: {
                                    at: string;
                                    ticket: {
                                        system: string;
                                        id: string;
                                        url?: string;
                                    };
                                    notification: string;
                                    channel?: string;
                                };
                                tip?: {
                                    system: string;
                                    id: string;
                                    url?: string;
                                };
                                missionId: string;
                            }[];
                            /** @description pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mission's audit timeline, paged */
        get: {
            parameters: {
                query?: {
                    /** @description oldest first (asc, the default) or newest first (desc) */
                    order?: "asc" | "desc";
                    /** @description the nextCursor of the previous page */
                    cursor?: string & unknown;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                at: string;
                                actor: string;
                                action: string;
                                detail?: string;
                                seq: number;
                            }[];
                            /** @description pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/queries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mission's hunt query runs, paged */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string & unknown;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                title: string;
                                query: string;
                                from: string;
                                to: string;
                                rowCount: number;
                                columns: string[];
                                sample: {
                                    [key: string]: unknown;
                                }[];
                                truncated: boolean;
                                evidence: {
                                    name: string;
                                    path: string;
                                    bytes: number;
                                    sha256: string;
                                };
                                by: string;
                                at: string;
                                techniques?: string[];
                                sigma?: string;
                            }[];
                            /** @description pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Run a hunt query through the SIEM */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string & unknown;
                        query: string & unknown;
                        /** @enum {string} */
                        format?: "native" | "sigma";
                        from: string & (unknown & unknown);
                        to: string & (unknown & unknown);
                        techniques?: (string & unknown)[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description where the created resource is read */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            query: {
                                id: string;
                                title: string;
                                query: string;
                                from: string;
                                to: string;
                                rowCount: number;
                                columns: string[];
                                sample: {
                                    [key: string]: unknown;
                                }[];
                                truncated: boolean;
                                evidence: {
                                    name: string;
                                    path: string;
                                    bytes: number;
                                    sha256: string;
                                };
                                by: string;
                                at: string;
                                techniques?: string[];
                                sigma?: string;
                            };
                            mission: {
                                /** @enum {string} */
                                phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                                /** @enum {string} */
                                status: "active" | "completed" | "not_qualified" | "cancelled";
                                openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                                id?: string;
                                created?: boolean;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/sweeps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mission's EAVD sweeps, paged */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string & unknown;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                sweep: number;
                                at: string;
                                candidates: number;
                                registered: number;
                                unresolved: number;
                                wildcard: number;
                                newDomains: string[];
                                findingCount: number;
                            }[];
                            /** @description pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/effects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mission's effect log (tickets, escalations, notifications…), paged */
        get: {
            parameters: {
                query?: {
                    state?: "pending" | "running" | "done" | "failed";
                    /** @description the nextCursor of the previous page */
                    cursor?: string & unknown;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                kind: string;
                                key: string;
                                subject: string | null;
                                /** @enum {string} */
                                state: "pending" | "running" | "done" | "failed";
                                attempts: number;
                                error: string | null;
                                errorType: string | null;
                                result: unknown;
                                createdAt: string;
                                updatedAt: string;
                            }[];
                            /** @description pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/effects/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry a mission's failed effects (lead or manager) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        effectIds?: (string & unknown)[];
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            retried: {
                                id: string;
                                kind: string;
                                key: string;
                                /** @enum {string} */
                                state: "done" | "failed";
                                error?: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/effects/{effectId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry one failed effect (lead or manager) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                    effectId: string & unknown;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            retried: {
                                id: string;
                                kind: string;
                                key: string;
                                /** @enum {string} */
                                state: "done" | "failed";
                                error?: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mission metrics */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A mission's metrics: its two clocks, time per phase and gate, findings and escalations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            iteration: number;
                            squadSize: number;
                            totalHunt: {
                                allocatedHours: number | null;
                                actualHours: number | null;
                                /** @description negative once the clock has overrun */
                                remainingHours: number | null;
                                /** @description share of the allocation used, in percent to one decimal; null without an allocation */
                                percentUsed: number | null;
                                running: boolean;
                                overrun: boolean;
                                deadline: string | null;
                            };
                            executionPhase: {
                                allocatedHours: number | null;
                                actualHours: number | null;
                                /** @description negative once the clock has overrun */
                                remainingHours: number | null;
                                /** @description share of the allocation used, in percent to one decimal; null without an allocation */
                                percentUsed: number | null;
                                running: boolean;
                                overrun: boolean;
                                deadline: string | null;
                            };
                            /** @description hours spent in each phase */
                            phaseHours: {
                                [key: string]: number;
                            };
                            /** @description hours each gate waited for its decision */
                            gateWaitHours: {
                                [key: string]: number;
                            };
                            findingsPerCategory: {
                                [key: string]: number;
                            };
                            escalations: {
                                count: number;
                                meanHoursToEscalation: number | null;
                                maxHoursToEscalation: number | null;
                            };
                            visibilityGaps: number;
                            queriesRun: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/artifacts/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an outcome artifact */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    name: "playbook.ipynb" | "report.md" | "report.html" | "comms.txt" | "comms.html";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/iterations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start the next iteration */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missionId: string;
                            code: string;
                            iteration: number;
                            displayName: string;
                            created: boolean;
                            previousMissionId?: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description where the created resource is read */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missionId: string;
                            code: string;
                            iteration: number;
                            displayName: string;
                            created: boolean;
                            previousMissionId?: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/iteration-schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Schedule recurring iterations */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        everyDays: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scheduleId: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/gates/{gate}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide a gate */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                    gate: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "approve";
                        reason?: string & unknown;
                    } | {
                        /** @enum {string} */
                        decision: "reject";
                        reason: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/lead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Assign the mission lead */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lead: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/initial-research": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the initial-research work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            references: {
                                title: string & unknown;
                                /** Format: uri */
                                link: string;
                                /** @enum {string} */
                                kind: "article" | "documentation" | "code" | "report" | "ticket" | "architecture" | "policy" | "other";
                                notes?: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/feasibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the feasibility work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            dataAvailability: number;
                            informationQuality: number;
                            skillsets: number;
                            /** @description 5 = no constraint */
                            resourceConstraints: number;
                            /** @description 5 = comfortable */
                            timelines: number;
                            crownJewelsImpacted: boolean;
                            majorVulnerabilities: boolean;
                            emergentThreat: boolean;
                            notes?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/owners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the owners work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            owners: {
                                name: string & unknown;
                                contact: string & unknown;
                                /** @enum {string} */
                                kind: "business" | "technical";
                                asset?: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/hypothesis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the hypothesis work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            hypothesis: string & unknown;
                            able: {
                                /** @description who: the threat actor or kind of adversary */
                                actor: string & unknown;
                                /** @description what they do: the behaviour or technique hunted */
                                behaviour: string & unknown;
                                /** @description where: the part of the estate it happens in */
                                location: string & unknown;
                                /** @description which data would show it */
                                evidence: string & unknown;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/team-engagement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the team-engagement work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            teams: {
                                team: string & unknown;
                                /** @enum {string} */
                                involvement: "informed" | "consulted" | "supporting" | "leading";
                                deliverables: string & unknown;
                            }[];
                            statement: string & unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/objectives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the objectives work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            objectives: (string & unknown)[];
                            /** @default [] */
                            techniques?: (string & unknown)[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/data-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the data-sources work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            sources: {
                                name: string & unknown;
                                location: string & unknown;
                                model: string & unknown;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/stakeholders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the stakeholders work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            references: {
                                title: string & unknown;
                                /** Format: uri */
                                link: string;
                                /** @enum {string} */
                                kind: "article" | "documentation" | "code" | "report" | "ticket" | "architecture" | "policy" | "other";
                                notes?: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/infrastructure-knowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the infrastructure-knowledge work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            references: {
                                title: string & unknown;
                                /** Format: uri */
                                link: string;
                                /** @enum {string} */
                                kind: "article" | "documentation" | "code" | "report" | "ticket" | "architecture" | "policy" | "other";
                                notes?: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/previous-security-data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the previous-security-data work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            references: {
                                title: string & unknown;
                                /** Format: uri */
                                link: string;
                                /** @enum {string} */
                                kind: "article" | "documentation" | "code" | "report" | "ticket" | "architecture" | "policy" | "other";
                                notes?: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/work-items/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the feedback work item */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            feedback: string & unknown;
                            /** @default [] */
                            improvements?: (string & unknown)[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/allocation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set or amend the time allocation */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allocation: {
                            totalHuntHours: number;
                            executionPhaseHours: number;
                        };
                        reason?: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/squad/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite hunters to the squad */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        hunters: (string & unknown)[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/squad/response": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept or decline a squad invitation */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accept: boolean;
                        reason?: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/findings/{findingId}/withdrawal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a finding */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/containments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Request containment */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        target: {
                            /** @enum {string} */
                            kind: "endpoint" | "account";
                            id: string & unknown;
                        };
                        reason: string & unknown;
                        findingId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description where the created resource is read */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            mission: {
                                /** @enum {string} */
                                phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                                /** @enum {string} */
                                status: "active" | "completed" | "not_qualified" | "cancelled";
                                openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                                id?: string;
                                created?: boolean;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/containments/{containmentId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** DFIR decision on containment */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                    containmentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "approve" | "reject";
                        reason: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a mission */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/report/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release the report (stops the Total Hunt Duration clock) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        summary?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                            /** @enum {string} */
                            status: "active" | "completed" | "not_qualified" | "cancelled";
                            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
                            id?: string;
                            created?: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/attack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ATT&CK catalogue in use */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttackCatalogue"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/attack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mission's ATT&CK coverage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttackCoverage"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/attack/layer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mission's ATT&CK Navigator layer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NavigatorLayer"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/attack/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** ATT&CK coverage of the missions created in a time range */
        get: {
            parameters: {
                query: {
                    /** @description missions created at or after this time */
                    from: string & (unknown & unknown);
                    /** @description missions created before this time (a `to` not after `from` is an empty period) */
                    to: string & (unknown & unknown);
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttackCoverage"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/attack/layer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** ATT&CK Navigator layer of the missions created in a time range */
        get: {
            parameters: {
                query: {
                    /** @description missions created at or after this time */
                    from: string & (unknown & unknown);
                    /** @description missions created before this time (a `to` not after `from` is an empty period) */
                    to: string & (unknown & unknown);
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NavigatorLayer"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/program/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hunt program metrics over the missions created in a period */
        get: {
            parameters: {
                query: {
                    /** @description missions created at or after this time */
                    from: string & (unknown & unknown);
                    /** @description missions created before this time (a `to` not after `from` is an empty period) */
                    to: string & (unknown & unknown);
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProgramMetrics"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/missions/{id}/findings/{findingId}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record what became of a finding (a detection accepted or rejected, a gap resolved or not) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string;
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "accepted" | "rejected" | "resolved" | "wont-fix";
                        note?: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FindingOutcome"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backlog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hunt backlog, highest score first */
        get: {
            parameters: {
                query?: {
                    status?: "proposed" | "started" | "dropped";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["BacklogEntry"][];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Propose a hunt topic */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        topic: string & unknown;
                        /** @enum {string} */
                        trigger: "intel" | "incident" | "schedule" | "request";
                        /** @description what triggered the proposal: the intel, the incident, the gap seen */
                        motivation: string & unknown;
                        /**
                         * @default EAVD
                         * @enum {string}
                         */
                        type?: "EAVD";
                        /** @enum {string} */
                        huntType?: "hypothesis-driven" | "baseline" | "model-assisted" | "intel-driven";
                        hypothesis?: {
                            hypothesis: string & unknown;
                            able: {
                                /** @description who: the threat actor or kind of adversary */
                                actor: string & unknown;
                                /** @description what they do: the behaviour or technique hunted */
                                behaviour: string & unknown;
                                /** @description where: the part of the estate it happens in */
                                location: string & unknown;
                                /** @description which data would show it */
                                evidence: string & unknown;
                            };
                        };
                        /** @default [] */
                        keywords?: (string & unknown)[];
                        techniques?: (string & unknown)[];
                        feasibility: {
                            dataAvailability: number;
                            informationQuality: number;
                            skillsets: number;
                            /** @description 5 = no constraint */
                            resourceConstraints: number;
                            /** @description 5 = comfortable */
                            timelines: number;
                            crownJewelsImpacted: boolean;
                            majorVulnerabilities: boolean;
                            emergentThreat: boolean;
                            notes?: string;
                        };
                        /** @description a mission whose playbook this hunt would build on */
                        basedOn?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description where the created resource is read */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BacklogEntry"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backlog/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A backlog entry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string & unknown;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BacklogEntry"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backlog/{id}/mission": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a mission from a backlog entry (hunt manager) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string & unknown;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        codeName: string & (unknown & unknown);
                        /** @default [] */
                        stakeholders?: (string & unknown)[];
                        /** @default [] */
                        audience?: (string & unknown)[];
                        brand?: {
                            domains: (string & unknown)[];
                            /** @default [] */
                            keywords?: (string & unknown)[];
                            lookalikes?: {
                                /**
                                 * @default common
                                 * @enum {string}
                                 */
                                tldFamily?: "none" | "common" | "all";
                                /** @default false */
                                publicSuffixes?: boolean;
                                /** @default false */
                                dynamicDns?: boolean;
                                /** @default true */
                                combosquattingDictionary?: boolean;
                                /** @default false */
                                allHomoglyphs?: boolean;
                            };
                        };
                        /** @default {} */
                        policy?: {
                            /** @default 0.75 */
                            maxExecutionRatio?: number;
                            /** @default 2 */
                            minSquadSize?: number;
                            /**
                             * @default [
                             *       0.5,
                             *       0.8,
                             *       1
                             *     ]
                             */
                            clockWarnings?: number[];
                            /** @default 24 */
                            gateReminderHours?: number;
                            /** @default false */
                            autoAdvanceOnExecutionExpiry?: boolean;
                            /** @default 60 */
                            heartbeatMinutes?: number;
                            /** @default 360 */
                            sweepIntervalMinutes?: number;
                            /** @default 240 */
                            silentAfterMinutes?: number;
                            /** @default {} */
                            prioritisation?: {
                                /** @default {} */
                                weights?: {
                                    /** @default 2 */
                                    dataAvailability?: number;
                                    /** @default 1.5 */
                                    informationQuality?: number;
                                    /** @default 1 */
                                    skillsets?: number;
                                    /** @default 1 */
                                    resourceConstraints?: number;
                                    /** @default 1 */
                                    timelines?: number;
                                    /** @default 3 */
                                    crownJewelsImpacted?: number;
                                    /** @default 2 */
                                    majorVulnerabilities?: number;
                                    /** @default 2 */
                                    emergentThreat?: number;
                                };
                                /** @default 0.5 */
                                qualifyAt?: number;
                            };
                            /** @default 4 */
                            effectConcurrency?: number;
                            /** @default 5 */
                            effectMaxAttempts?: number;
                            /** @default 2 */
                            effectRetrySeconds?: number;
                            /** @default 10000 */
                            maxHistoryEvents?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missionId: string;
                            code: string;
                            iteration: number;
                            displayName: string;
                            created: boolean;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description where the created resource is read */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missionId: string;
                            code: string;
                            iteration: number;
                            displayName: string;
                            created: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backlog/{id}/drop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Drop a backlog entry (hunt manager) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path: {
                    id: string & unknown;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string & unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BacklogEntry"];
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/lookalikes/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Which brand a domain imitates, how, and how risky it looks
         * @description Matches the domain against the brands given, else against the brands of the active missions: as a permutation of a brand domain (with the fuzzer that generates it), by confusable skeleton, by Damerau-Levenshtein distance or by containing the brand label, plus the name's own risk signals, each point with its reason. A brand's own domains and their subdomains are no lookalikes.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the write safe to retry: the same key and body answer the first result again and change nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Keys are per caller and kept 24 hours. */
                    "idempotency-key"?: string & unknown;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the name to check, ASCII: an IDN name in its Punycode (xn--) form (the CLI converts a Unicode name) */
                        domain: string & unknown;
                        /** @description brands to check against; absent: the brands of the active missions */
                        brands?: {
                            /** @description a name for the brand in the answer; its first domain when absent */
                            id?: string & unknown;
                            /** @description the brand's own domains */
                            domains: (string & unknown)[];
                            /**
                             * @description lure keywords for combosquatting
                             * @default []
                             */
                            keywords?: (string & unknown)[];
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            domain: string;
                            unicode: string;
                            /** @enum {string} */
                            brandsFrom: "request" | "active-missions";
                            brandsChecked: number;
                            /** @description the brand it imitates most; null: none */
                            match: components["schemas"]["LookalikeMatch"] | null;
                            matches: components["schemas"]["LookalikeMatch"][];
                        };
                    };
                };
                /** @description RFC 9457 problem details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                429: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RFC 9457 problem details */
                503: {
                    headers: {
                        /** @description seconds to wait before retrying */
                        "Retry-After"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        MissionSummaryInput: {
            missionId: string;
            code: string;
            codeName: string;
            displayName: string;
            channelName: string;
            /** @enum {string} */
            type: "EAVD";
            iteration: number;
            topic: string;
            /** @enum {string} */
            trigger: "intel" | "incident" | "schedule" | "request";
            keywords: string[];
            requester: string;
            stakeholders: string[];
            audience: string[];
            brand: {
                domains: string[];
                keywords: string[];
                lookalikes?: {
                    /**
                     * @default common
                     * @enum {string}
                     */
                    tldFamily: "none" | "common" | "all";
                    /** @default false */
                    publicSuffixes: boolean;
                    /** @default false */
                    dynamicDns: boolean;
                    /** @default true */
                    combosquattingDictionary: boolean;
                    /** @default false */
                    allHomoglyphs: boolean;
                };
            } | null;
            policy: {
                /** @default 0.75 */
                maxExecutionRatio: number;
                /** @default 2 */
                minSquadSize: number;
                /**
                 * @default [
                 *       0.5,
                 *       0.8,
                 *       1
                 *     ]
                 */
                clockWarnings: number[];
                /** @default 24 */
                gateReminderHours: number;
                /** @default false */
                autoAdvanceOnExecutionExpiry: boolean;
                /** @default 60 */
                heartbeatMinutes: number;
                /** @default 360 */
                sweepIntervalMinutes: number;
                /** @default 240 */
                silentAfterMinutes: number;
                /** @default {} */
                prioritisation: {
                    /** @default {} */
                    weights: {
                        /** @default 2 */
                        dataAvailability: number;
                        /** @default 1.5 */
                        informationQuality: number;
                        /** @default 1 */
                        skillsets: number;
                        /** @default 1 */
                        resourceConstraints: number;
                        /** @default 1 */
                        timelines: number;
                        /** @default 3 */
                        crownJewelsImpacted: number;
                        /** @default 2 */
                        majorVulnerabilities: number;
                        /** @default 2 */
                        emergentThreat: number;
                    };
                    /** @default 0.5 */
                    qualifyAt: number;
                };
                /** @default 4 */
                effectConcurrency: number;
                /** @default 5 */
                effectMaxAttempts: number;
                /** @default 2 */
                effectRetrySeconds: number;
                /** @default 10000 */
                maxHistoryEvents: number;
            };
            /** @enum {string} */
            status: "active" | "completed" | "not_qualified" | "cancelled";
            /** @enum {string} */
            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
            closedReason: string | null;
            lead: string | null;
            squad: {
                [key: string]: {
                    /** @enum {string} */
                    status: "invited" | "accepted" | "declined";
                    invitedAt: string;
                    respondedAt?: string;
                };
            };
            squadFormedAt: string | null;
            allocation: {
                totalHuntHours: number;
                executionPhaseHours: number;
            } | null;
            clocks: {
                total: {
                    startedAt: string | null;
                    stoppedAt: string | null;
                    allocatedHours: number | null;
                    deadline: string | null;
                    warningsSent: number[];
                    overrun: boolean;
                };
                execution: {
                    startedAt: string | null;
                    stoppedAt: string | null;
                    allocatedHours: number | null;
                    deadline: string | null;
                    warningsSent: number[];
                    overrun: boolean;
                };
            };
            previous: {
                missionId: string;
                playbook: {
                    name: string;
                    path: string;
                    bytes: number;
                    sha256: string;
                } | null;
                objectives: string[];
            } | null;
            /** @enum {string} */
            huntType: "hypothesis-driven" | "baseline" | "model-assisted" | "intel-driven";
            origin: {
                backlogId: string & unknown;
                /** @description the mission whose playbook this hunt builds on */
                basedOn?: string;
            } | null;
            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
            gate: {
                /** @enum {string} */
                phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                round: number;
                openedAt: string;
                missing: string[];
                failed: string[];
                decided: {
                    /** @enum {string} */
                    decision: "approve" | "reject";
                    by: string;
                    at: string;
                    reason?: string;
                } | null;
            } | null;
            workItems: {
                [key: string]: {
                    [key: string]: {
                        /** @enum {string} */
                        status: "done" | "failed";
                        by: string;
                        at: string;
                    };
                };
            };
            objectives: string[];
            prioritisation: {
                score: number;
                maxScore: number;
                /** @enum {string} */
                proposal: "qualify" | "reject";
            } | null;
            intel: {
                source: string;
                indicators: number;
                reports: number;
                observables: number;
                matched: number;
            } | null;
            external: {
                channel?: {
                    system: string;
                    id: string;
                    url?: string;
                };
                epic?: {
                    system: string;
                    id: string;
                    url?: string;
                };
            };
            artifacts: {
                [key: string]: {
                    name: string;
                    path: string;
                    bytes: number;
                    sha256: string;
                };
            };
            counts: {
                findings: {
                    total: number;
                    byCategory: {
                        "visibility-gap": number;
                        "security-control-issue": number;
                        "detection-opportunity": number;
                        "hunt-opportunity": number;
                        "suspicious-security-event": number;
                        "ti-event-of-interest": number;
                    };
                    escalated: number;
                    withdrawn: number;
                };
                queries: number;
                containments: {
                    total: number;
                    pending: number;
                };
                effects: {
                    pending: number;
                    running: number;
                    done: number;
                    failed: number;
                };
                sweeps: number;
                auditEntries: number;
            };
            pendingContainments: {
                id: string;
                target: {
                    /** @enum {string} */
                    kind: "endpoint" | "account";
                    id: string;
                };
                reason: string;
                findingId?: string;
            }[];
            sweeps: {
                count: number;
                lastAt: string | null;
                lastNew: number;
            };
            latest: {
                at: string;
                actor: string;
                action: string;
            } | null;
            runs: number;
            /** @description the clocks as they stand now */
            progress: {
                totalHunt: {
                    allocatedHours: number | null;
                    actualHours: number | null;
                    remainingHours: number | null;
                    percentUsed: number | null;
                    running: boolean;
                    overrun: boolean;
                    deadline: string | null;
                };
                executionPhase: {
                    allocatedHours: number | null;
                    actualHours: number | null;
                    remainingHours: number | null;
                    percentUsed: number | null;
                    running: boolean;
                    overrun: boolean;
                    deadline: string | null;
                };
            };
            updatedAt: string;
        };
        FindingInput: {
            /** @enum {string} */
            category: "visibility-gap" | "security-control-issue" | "detection-opportunity" | "hunt-opportunity" | "suspicious-security-event" | "ti-event-of-interest";
            title: string & unknown;
            /** @default  */
            description: string;
            /** @enum {string} */
            severity: "info" | "low" | "medium" | "high" | "critical";
            /** @default [] */
            evidence: {
                /** @enum {string} */
                kind: "query" | "dns" | "certificate" | "registration" | "web" | "note" | "other";
                summary: string & unknown;
                artifact?: {
                    name: string;
                    path: string;
                    bytes: number;
                    sha256: string;
                };
            }[];
            /** @default [] */
            observables: {
                /** @enum {string} */
                type: "domain" | "ipv4" | "ipv6" | "url" | "hash" | "email";
                value: string & unknown;
            }[];
            sourceKey?: string;
            /** @default [] */
            flags: ("playbook" | "battlefield-intel")[];
            proposedRule?: string;
            techniques?: (string & unknown)[];
            id: string;
            /** @enum {string} */
            status: "open" | "escalated" | "withdrawn";
            author: string;
            at: string;
            withdrawnReason?: string;
            ticket?: {
                system: string;
                id: string;
                url?: string;
            };
            escalation?: {
                at: string;
                ticket: {
                    system: string;
                    id: string;
                    url?: string;
                };
                notification: string;
                channel?: string;
            };
            tip?: {
                system: string;
                id: string;
                url?: string;
            };
        };
        AttackCatalogueInput: {
            version: string;
            domain: string;
            source: string;
            techniqueCount: number;
            loadedAt: string;
        };
        AttackCoverageInput: {
            /** @description the release the techniques were checked against (a mission's, or the current one) */
            attackVersion: string | null;
            /** @description techniques hunted */
            hunted: number;
            /** @description techniques with findings */
            withFindings: number;
            techniques: {
                id: string;
                /** @description from the current catalogue; null for an id it does not know (a revoked or older technique) */
                name: string | null;
                tactics: string[];
                /** @description the mission, its objectives and its query runs naming the technique */
                hunted: number;
                /** @description findings carrying the technique, withdrawn ones aside */
                findings: number;
                missions: string[];
            }[];
        };
        /** @description an ATT&CK Navigator layer, format 4.5 */
        NavigatorLayerInput: {
            name: string;
            versions?: {
                attack?: string;
                navigator: string & unknown;
                /** @constant */
                layer: "4.5";
            };
            /** @enum {string} */
            domain: "enterprise-attack" | "mobile-attack" | "ics-attack";
            description?: string;
            customDataURL?: string;
            filters?: {
                platforms?: string[];
            };
            sorting?: 0 | 1 | 2 | 3;
            layout?: {
                /** @enum {string} */
                layout?: "side" | "flat" | "mini";
                showID?: boolean;
                showName?: boolean;
                showAggregateScores?: boolean;
                countUnscored?: boolean;
                /** @enum {string} */
                aggregateFunction?: "average" | "min" | "max" | "sum";
                /** @enum {string} */
                expandedSubtechniques?: "none" | "all" | "annotated";
            };
            hideDisabled?: boolean;
            techniques?: {
                techniqueID: string & unknown;
                tactic?: string;
                comment?: string;
                enabled?: boolean;
                score?: number;
                color?: (string & unknown) | "";
                metadata?: ({
                    name: string;
                    value: string;
                } | {
                    divider: boolean;
                })[];
                links?: ({
                    label: string;
                    url: string & unknown;
                } | {
                    divider: boolean;
                })[];
                showSubtechniques?: boolean;
            }[];
            gradient?: {
                colors: (string & unknown)[];
                minValue: number;
                maxValue: number;
            };
            legendItems?: {
                label: string;
                color: string & unknown;
            }[];
            showTacticRowBackground?: boolean;
            tacticRowBackground?: string & unknown;
            selectTechniquesAcrossTactics?: boolean;
            selectSubtechniquesWithParent?: boolean;
            selectVisibleTechniques?: boolean;
            metadata?: ({
                name: string;
                value: string;
            } | {
                divider: boolean;
            })[];
            links?: ({
                label: string;
                url: string & unknown;
            } | {
                divider: boolean;
            })[];
        };
        BacklogEntryInput: {
            topic: string & unknown;
            /** @enum {string} */
            trigger: "intel" | "incident" | "schedule" | "request";
            /** @description what triggered the proposal: the intel, the incident, the gap seen */
            motivation: string & unknown;
            /**
             * @default EAVD
             * @enum {string}
             */
            type: "EAVD";
            /** @enum {string} */
            huntType?: "hypothesis-driven" | "baseline" | "model-assisted" | "intel-driven";
            hypothesis?: {
                hypothesis: string & unknown;
                able: {
                    /** @description who: the threat actor or kind of adversary */
                    actor: string & unknown;
                    /** @description what they do: the behaviour or technique hunted */
                    behaviour: string & unknown;
                    /** @description where: the part of the estate it happens in */
                    location: string & unknown;
                    /** @description which data would show it */
                    evidence: string & unknown;
                };
            };
            /** @default [] */
            keywords: (string & unknown)[];
            techniques?: (string & unknown)[];
            feasibility: {
                dataAvailability: number;
                informationQuality: number;
                skillsets: number;
                /** @description 5 = no constraint */
                resourceConstraints: number;
                /** @description 5 = comfortable */
                timelines: number;
                crownJewelsImpacted: boolean;
                majorVulnerabilities: boolean;
                emergentThreat: boolean;
                notes?: string;
            };
            /** @description a mission whose playbook this hunt would build on */
            basedOn?: string;
            id: string;
            /** @enum {string} */
            status: "proposed" | "started" | "dropped";
            score: number;
            maxScore: number;
            /**
             * @description the prioritisation model's proposal
             * @enum {string}
             */
            proposal: "qualify" | "reject";
            proposedBy: string;
            proposedAt: string;
            /** @description the mission started from it */
            missionId: string | null;
            droppedReason: string | null;
        };
        LookalikeMatchInput: {
            /** @description ASCII (Punycode) form */
            name: string;
            unicode: string;
            brandId: string;
            /** @description the brand domain it imitates */
            brandDomain: string;
            /** @enum {string} */
            kind: "candidate" | "confusable-skeleton" | "edit-distance" | "brand-containment";
            /** @description the permutation fuzzer that generates it (transposition, cyrillic, combosquatting…), else confusable-skeleton, damerau-levenshtein or brand-containment */
            algorithm: string;
            /** @description Damerau-Levenshtein distance of its registrable label from the brand label; null above 3 */
            distance: number | null;
            score: number;
            /** @enum {string} */
            level: "high" | "medium" | "low";
            /** @description every point of the score with the fact behind it */
            reasons: {
                /** @description candidate, confusable-skeleton, edit-distance, brand-containment, or a risk signal: suspicious-tld, suspicious-word, brand-keyword, hyphens, subdomain-levels, entropy, idn, free-hosting */
                signal: string;
                points: number;
                reason: string;
            }[];
            /** @description the active missions protecting the brand (brands of the active missions only) */
            missionIds?: string[];
        };
        /** @description The hunt program over the missions created in [from, to) */
        ProgramMetricsInput: {
            missions: number;
            byOutcome: {
                [key: string]: number;
            };
            totalHunt: {
                /** @description missions whose clock started */
                missions: number;
                /** @description sum of the allocations of those missions */
                allocatedHours: number;
                /** @description sum of the hours their clock ran (to now for a running clock) */
                actualHours: number;
                meanActualHours: number | null;
                /** @description missions past their allocation */
                overrun: number;
                /** @description overrun / missions, 0..1 */
                overrunRate: number | null;
            };
            executionPhase: {
                /** @description missions whose clock started */
                missions: number;
                /** @description sum of the allocations of those missions */
                allocatedHours: number;
                /** @description sum of the hours their clock ran (to now for a running clock) */
                actualHours: number;
                meanActualHours: number | null;
                /** @description missions past their allocation */
                overrun: number;
                /** @description overrun / missions, 0..1 */
                overrunRate: number | null;
            };
            findingsPerCategory: {
                [key: string]: number;
            };
            detections: {
                proposed: number;
                accepted: number;
                rejected: number;
            };
            visibilityGaps: {
                raised: number;
                resolved: number;
            };
            escalations: {
                count: number;
                meanHoursToEscalation: number | null;
            };
            from: string;
            to: string;
            techniques: {
                hunted: number;
                withFindings: number;
                /** @description where the ATT&CK Navigator layer of the period is */
                layer: string;
            };
            byType: {
                [key: string]: {
                    missions: number;
                    byOutcome: {
                        [key: string]: number;
                    };
                    totalHunt: {
                        /** @description missions whose clock started */
                        missions: number;
                        /** @description sum of the allocations of those missions */
                        allocatedHours: number;
                        /** @description sum of the hours their clock ran (to now for a running clock) */
                        actualHours: number;
                        meanActualHours: number | null;
                        /** @description missions past their allocation */
                        overrun: number;
                        /** @description overrun / missions, 0..1 */
                        overrunRate: number | null;
                    };
                    executionPhase: {
                        /** @description missions whose clock started */
                        missions: number;
                        /** @description sum of the allocations of those missions */
                        allocatedHours: number;
                        /** @description sum of the hours their clock ran (to now for a running clock) */
                        actualHours: number;
                        meanActualHours: number | null;
                        /** @description missions past their allocation */
                        overrun: number;
                        /** @description overrun / missions, 0..1 */
                        overrunRate: number | null;
                    };
                    findingsPerCategory: {
                        [key: string]: number;
                    };
                    detections: {
                        proposed: number;
                        accepted: number;
                        rejected: number;
                    };
                    visibilityGaps: {
                        raised: number;
                        resolved: number;
                    };
                    escalations: {
                        count: number;
                        meanHoursToEscalation: number | null;
                    };
                };
            };
            /** @description per mission lead; missions without a lead under "(none)" */
            byLead: {
                [key: string]: {
                    missions: number;
                    byOutcome: {
                        [key: string]: number;
                    };
                    totalHunt: {
                        /** @description missions whose clock started */
                        missions: number;
                        /** @description sum of the allocations of those missions */
                        allocatedHours: number;
                        /** @description sum of the hours their clock ran (to now for a running clock) */
                        actualHours: number;
                        meanActualHours: number | null;
                        /** @description missions past their allocation */
                        overrun: number;
                        /** @description overrun / missions, 0..1 */
                        overrunRate: number | null;
                    };
                    executionPhase: {
                        /** @description missions whose clock started */
                        missions: number;
                        /** @description sum of the allocations of those missions */
                        allocatedHours: number;
                        /** @description sum of the hours their clock ran (to now for a running clock) */
                        actualHours: number;
                        meanActualHours: number | null;
                        /** @description missions past their allocation */
                        overrun: number;
                        /** @description overrun / missions, 0..1 */
                        overrunRate: number | null;
                    };
                    findingsPerCategory: {
                        [key: string]: number;
                    };
                    detections: {
                        proposed: number;
                        accepted: number;
                        rejected: number;
                    };
                    visibilityGaps: {
                        raised: number;
                        resolved: number;
                    };
                    escalations: {
                        count: number;
                        meanHoursToEscalation: number | null;
                    };
                };
            };
        };
        FindingOutcomeInput: {
            missionId: string;
            findingId: string;
            /** @enum {string} */
            outcome: "accepted" | "rejected" | "resolved" | "wont-fix";
            note: string | null;
            by: string;
            at: string;
        };
        MissionSummary: {
            missionId: string;
            code: string;
            codeName: string;
            displayName: string;
            channelName: string;
            /** @enum {string} */
            type: "EAVD";
            iteration: number;
            topic: string;
            /** @enum {string} */
            trigger: "intel" | "incident" | "schedule" | "request";
            keywords: string[];
            requester: string;
            stakeholders: string[];
            audience: string[];
            brand: {
                domains: string[];
                keywords: string[];
                lookalikes?: {
                    /**
                     * @default common
                     * @enum {string}
                     */
                    tldFamily: "none" | "common" | "all";
                    /** @default false */
                    publicSuffixes: boolean;
                    /** @default false */
                    dynamicDns: boolean;
                    /** @default true */
                    combosquattingDictionary: boolean;
                    /** @default false */
                    allHomoglyphs: boolean;
                };
            } | null;
            policy: {
                /** @default 0.75 */
                maxExecutionRatio: number;
                /** @default 2 */
                minSquadSize: number;
                /**
                 * @default [
                 *       0.5,
                 *       0.8,
                 *       1
                 *     ]
                 */
                clockWarnings: number[];
                /** @default 24 */
                gateReminderHours: number;
                /** @default false */
                autoAdvanceOnExecutionExpiry: boolean;
                /** @default 60 */
                heartbeatMinutes: number;
                /** @default 360 */
                sweepIntervalMinutes: number;
                /** @default 240 */
                silentAfterMinutes: number;
                prioritisation: {
                    weights: {
                        /** @default 2 */
                        dataAvailability: number;
                        /** @default 1.5 */
                        informationQuality: number;
                        /** @default 1 */
                        skillsets: number;
                        /** @default 1 */
                        resourceConstraints: number;
                        /** @default 1 */
                        timelines: number;
                        /** @default 3 */
                        crownJewelsImpacted: number;
                        /** @default 2 */
                        majorVulnerabilities: number;
                        /** @default 2 */
                        emergentThreat: number;
                    };
                    /** @default 0.5 */
                    qualifyAt: number;
                };
                /** @default 4 */
                effectConcurrency: number;
                /** @default 5 */
                effectMaxAttempts: number;
                /** @default 2 */
                effectRetrySeconds: number;
                /** @default 10000 */
                maxHistoryEvents: number;
            };
            /** @enum {string} */
            status: "active" | "completed" | "not_qualified" | "cancelled";
            /** @enum {string} */
            phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
            closedReason: string | null;
            lead: string | null;
            squad: {
                [key: string]: {
                    /** @enum {string} */
                    status: "invited" | "accepted" | "declined";
                    invitedAt: string;
                    respondedAt?: string;
                };
            };
            squadFormedAt: string | null;
            allocation: {
                totalHuntHours: number;
                executionPhaseHours: number;
            } | null;
            clocks: {
                total: {
                    startedAt: string | null;
                    stoppedAt: string | null;
                    allocatedHours: number | null;
                    deadline: string | null;
                    warningsSent: number[];
                    overrun: boolean;
                };
                execution: {
                    startedAt: string | null;
                    stoppedAt: string | null;
                    allocatedHours: number | null;
                    deadline: string | null;
                    warningsSent: number[];
                    overrun: boolean;
                };
            };
            previous: {
                missionId: string;
                playbook: {
                    name: string;
                    path: string;
                    bytes: number;
                    sha256: string;
                } | null;
                objectives: string[];
            } | null;
            /** @enum {string} */
            huntType: "hypothesis-driven" | "baseline" | "model-assisted" | "intel-driven";
            origin: {
                backlogId: string & unknown;
                /** @description the mission whose playbook this hunt builds on */
                basedOn?: string;
            } | null;
            openGate: ("collect" | "analyze" | "plan" | "execute" | "outcomes") | null;
            gate: {
                /** @enum {string} */
                phase: "collect" | "analyze" | "plan" | "execute" | "outcomes";
                round: number;
                openedAt: string;
                missing: string[];
                failed: string[];
                decided: {
                    /** @enum {string} */
                    decision: "approve" | "reject";
                    by: string;
                    at: string;
                    reason?: string;
                } | null;
            } | null;
            workItems: {
                [key: string]: {
                    [key: string]: {
                        /** @enum {string} */
                        status: "done" | "failed";
                        by: string;
                        at: string;
                    };
                };
            };
            objectives: string[];
            prioritisation: {
                score: number;
                maxScore: number;
                /** @enum {string} */
                proposal: "qualify" | "reject";
            } | null;
            intel: {
                source: string;
                indicators: number;
                reports: number;
                observables: number;
                matched: number;
            } | null;
            external: {
                channel?: {
                    system: string;
                    id: string;
                    url?: string;
                };
                epic?: {
                    system: string;
                    id: string;
                    url?: string;
                };
            };
            artifacts: {
                [key: string]: {
                    name: string;
                    path: string;
                    bytes: number;
                    sha256: string;
                };
            };
            counts: {
                findings: {
                    total: number;
                    byCategory: {
                        "visibility-gap": number;
                        "security-control-issue": number;
                        "detection-opportunity": number;
                        "hunt-opportunity": number;
                        "suspicious-security-event": number;
                        "ti-event-of-interest": number;
                    };
                    escalated: number;
                    withdrawn: number;
                };
                queries: number;
                containments: {
                    total: number;
                    pending: number;
                };
                effects: {
                    pending: number;
                    running: number;
                    done: number;
                    failed: number;
                };
                sweeps: number;
                auditEntries: number;
            };
            pendingContainments: {
                id: string;
                target: {
                    /** @enum {string} */
                    kind: "endpoint" | "account";
                    id: string;
                };
                reason: string;
                findingId?: string;
            }[];
            sweeps: {
                count: number;
                lastAt: string | null;
                lastNew: number;
            };
            latest: {
                at: string;
                actor: string;
                action: string;
            } | null;
            runs: number;
            /** @description the clocks as they stand now */
            progress: {
                totalHunt: {
                    allocatedHours: number | null;
                    actualHours: number | null;
                    remainingHours: number | null;
                    percentUsed: number | null;
                    running: boolean;
                    overrun: boolean;
                    deadline: string | null;
                };
                executionPhase: {
                    allocatedHours: number | null;
                    actualHours: number | null;
                    remainingHours: number | null;
                    percentUsed: number | null;
                    running: boolean;
                    overrun: boolean;
                    deadline: string | null;
                };
            };
            updatedAt: string;
        };
        Finding: {
            /** @enum {string} */
            category: "visibility-gap" | "security-control-issue" | "detection-opportunity" | "hunt-opportunity" | "suspicious-security-event" | "ti-event-of-interest";
            title: string & unknown;
            /** @default  */
            description: string;
            /** @enum {string} */
            severity: "info" | "low" | "medium" | "high" | "critical";
            /** @default [] */
            evidence: {
                /** @enum {string} */
                kind: "query" | "dns" | "certificate" | "registration" | "web" | "note" | "other";
                summary: string & unknown;
                artifact?: {
                    name: string;
                    path: string;
                    bytes: number;
                    sha256: string;
                };
            }[];
            /** @default [] */
            observables: {
                /** @enum {string} */
                type: "domain" | "ipv4" | "ipv6" | "url" | "hash" | "email";
                value: string & unknown;
            }[];
            sourceKey?: string;
            /** @default [] */
            flags: ("playbook" | "battlefield-intel")[];
            proposedRule?: string;
            techniques?: (string & unknown)[];
            id: string;
            /** @enum {string} */
            status: "open" | "escalated" | "withdrawn";
            author: string;
            at: string;
            withdrawnReason?: string;
            ticket?: {
                system: string;
                id: string;
                url?: string;
            };
            escalation?: {
                at: string;
                ticket: {
                    system: string;
                    id: string;
                    url?: string;
                };
                notification: string;
                channel?: string;
            };
            tip?: {
                system: string;
                id: string;
                url?: string;
            };
        };
        AttackCatalogue: {
            version: string;
            domain: string;
            source: string;
            techniqueCount: number;
            loadedAt: string;
        };
        AttackCoverage: {
            /** @description the release the techniques were checked against (a mission's, or the current one) */
            attackVersion: string | null;
            /** @description techniques hunted */
            hunted: number;
            /** @description techniques with findings */
            withFindings: number;
            techniques: {
                id: string;
                /** @description from the current catalogue; null for an id it does not know (a revoked or older technique) */
                name: string | null;
                tactics: string[];
                /** @description the mission, its objectives and its query runs naming the technique */
                hunted: number;
                /** @description findings carrying the technique, withdrawn ones aside */
                findings: number;
                missions: string[];
            }[];
        };
        /** @description an ATT&CK Navigator layer, format 4.5 */
        NavigatorLayer: {
            name: string;
            versions?: {
                attack?: string;
                navigator: string & unknown;
                /** @constant */
                layer: "4.5";
            };
            /** @enum {string} */
            domain: "enterprise-attack" | "mobile-attack" | "ics-attack";
            description?: string;
            customDataURL?: string;
            filters?: {
                platforms?: string[];
            };
            sorting?: 0 | 1 | 2 | 3;
            layout?: {
                /** @enum {string} */
                layout?: "side" | "flat" | "mini";
                showID?: boolean;
                showName?: boolean;
                showAggregateScores?: boolean;
                countUnscored?: boolean;
                /** @enum {string} */
                aggregateFunction?: "average" | "min" | "max" | "sum";
                /** @enum {string} */
                expandedSubtechniques?: "none" | "all" | "annotated";
            };
            hideDisabled?: boolean;
            techniques?: {
                techniqueID: string & unknown;
                tactic?: string;
                comment?: string;
                enabled?: boolean;
                score?: number;
                color?: (string & unknown) | "";
                metadata?: ({
                    name: string;
                    value: string;
                } | {
                    divider: boolean;
                })[];
                links?: ({
                    label: string;
                    url: string & unknown;
                } | {
                    divider: boolean;
                })[];
                showSubtechniques?: boolean;
            }[];
            gradient?: {
                colors: (string & unknown)[];
                minValue: number;
                maxValue: number;
            };
            legendItems?: {
                label: string;
                color: string & unknown;
            }[];
            showTacticRowBackground?: boolean;
            tacticRowBackground?: string & unknown;
            selectTechniquesAcrossTactics?: boolean;
            selectSubtechniquesWithParent?: boolean;
            selectVisibleTechniques?: boolean;
            metadata?: ({
                name: string;
                value: string;
            } | {
                divider: boolean;
            })[];
            links?: ({
                label: string;
                url: string & unknown;
            } | {
                divider: boolean;
            })[];
        };
        BacklogEntry: {
            topic: string & unknown;
            /** @enum {string} */
            trigger: "intel" | "incident" | "schedule" | "request";
            /** @description what triggered the proposal: the intel, the incident, the gap seen */
            motivation: string & unknown;
            /**
             * @default EAVD
             * @enum {string}
             */
            type: "EAVD";
            /** @enum {string} */
            huntType?: "hypothesis-driven" | "baseline" | "model-assisted" | "intel-driven";
            hypothesis?: {
                hypothesis: string & unknown;
                able: {
                    /** @description who: the threat actor or kind of adversary */
                    actor: string & unknown;
                    /** @description what they do: the behaviour or technique hunted */
                    behaviour: string & unknown;
                    /** @description where: the part of the estate it happens in */
                    location: string & unknown;
                    /** @description which data would show it */
                    evidence: string & unknown;
                };
            };
            /** @default [] */
            keywords: (string & unknown)[];
            techniques?: (string & unknown)[];
            feasibility: {
                dataAvailability: number;
                informationQuality: number;
                skillsets: number;
                /** @description 5 = no constraint */
                resourceConstraints: number;
                /** @description 5 = comfortable */
                timelines: number;
                crownJewelsImpacted: boolean;
                majorVulnerabilities: boolean;
                emergentThreat: boolean;
                notes?: string;
            };
            /** @description a mission whose playbook this hunt would build on */
            basedOn?: string;
            id: string;
            /** @enum {string} */
            status: "proposed" | "started" | "dropped";
            score: number;
            maxScore: number;
            /**
             * @description the prioritisation model's proposal
             * @enum {string}
             */
            proposal: "qualify" | "reject";
            proposedBy: string;
            proposedAt: string;
            /** @description the mission started from it */
            missionId: string | null;
            droppedReason: string | null;
        };
        LookalikeMatch: {
            /** @description ASCII (Punycode) form */
            name: string;
            unicode: string;
            brandId: string;
            /** @description the brand domain it imitates */
            brandDomain: string;
            /** @enum {string} */
            kind: "candidate" | "confusable-skeleton" | "edit-distance" | "brand-containment";
            /** @description the permutation fuzzer that generates it (transposition, cyrillic, combosquatting…), else confusable-skeleton, damerau-levenshtein or brand-containment */
            algorithm: string;
            /** @description Damerau-Levenshtein distance of its registrable label from the brand label; null above 3 */
            distance: number | null;
            score: number;
            /** @enum {string} */
            level: "high" | "medium" | "low";
            /** @description every point of the score with the fact behind it */
            reasons: {
                /** @description candidate, confusable-skeleton, edit-distance, brand-containment, or a risk signal: suspicious-tld, suspicious-word, brand-keyword, hyphens, subdomain-levels, entropy, idn, free-hosting */
                signal: string;
                points: number;
                reason: string;
            }[];
            /** @description the active missions protecting the brand (brands of the active missions only) */
            missionIds?: string[];
        };
        /** @description The hunt program over the missions created in [from, to) */
        ProgramMetrics: {
            missions: number;
            byOutcome: {
                [key: string]: number;
            };
            totalHunt: {
                /** @description missions whose clock started */
                missions: number;
                /** @description sum of the allocations of those missions */
                allocatedHours: number;
                /** @description sum of the hours their clock ran (to now for a running clock) */
                actualHours: number;
                meanActualHours: number | null;
                /** @description missions past their allocation */
                overrun: number;
                /** @description overrun / missions, 0..1 */
                overrunRate: number | null;
            };
            executionPhase: {
                /** @description missions whose clock started */
                missions: number;
                /** @description sum of the allocations of those missions */
                allocatedHours: number;
                /** @description sum of the hours their clock ran (to now for a running clock) */
                actualHours: number;
                meanActualHours: number | null;
                /** @description missions past their allocation */
                overrun: number;
                /** @description overrun / missions, 0..1 */
                overrunRate: number | null;
            };
            findingsPerCategory: {
                [key: string]: number;
            };
            detections: {
                proposed: number;
                accepted: number;
                rejected: number;
            };
            visibilityGaps: {
                raised: number;
                resolved: number;
            };
            escalations: {
                count: number;
                meanHoursToEscalation: number | null;
            };
            from: string;
            to: string;
            techniques: {
                hunted: number;
                withFindings: number;
                /** @description where the ATT&CK Navigator layer of the period is */
                layer: string;
            };
            byType: {
                [key: string]: {
                    missions: number;
                    byOutcome: {
                        [key: string]: number;
                    };
                    totalHunt: {
                        /** @description missions whose clock started */
                        missions: number;
                        /** @description sum of the allocations of those missions */
                        allocatedHours: number;
                        /** @description sum of the hours their clock ran (to now for a running clock) */
                        actualHours: number;
                        meanActualHours: number | null;
                        /** @description missions past their allocation */
                        overrun: number;
                        /** @description overrun / missions, 0..1 */
                        overrunRate: number | null;
                    };
                    executionPhase: {
                        /** @description missions whose clock started */
                        missions: number;
                        /** @description sum of the allocations of those missions */
                        allocatedHours: number;
                        /** @description sum of the hours their clock ran (to now for a running clock) */
                        actualHours: number;
                        meanActualHours: number | null;
                        /** @description missions past their allocation */
                        overrun: number;
                        /** @description overrun / missions, 0..1 */
                        overrunRate: number | null;
                    };
                    findingsPerCategory: {
                        [key: string]: number;
                    };
                    detections: {
                        proposed: number;
                        accepted: number;
                        rejected: number;
                    };
                    visibilityGaps: {
                        raised: number;
                        resolved: number;
                    };
                    escalations: {
                        count: number;
                        meanHoursToEscalation: number | null;
                    };
                };
            };
            /** @description per mission lead; missions without a lead under "(none)" */
            byLead: {
                [key: string]: {
                    missions: number;
                    byOutcome: {
                        [key: string]: number;
                    };
                    totalHunt: {
                        /** @description missions whose clock started */
                        missions: number;
                        /** @description sum of the allocations of those missions */
                        allocatedHours: number;
                        /** @description sum of the hours their clock ran (to now for a running clock) */
                        actualHours: number;
                        meanActualHours: number | null;
                        /** @description missions past their allocation */
                        overrun: number;
                        /** @description overrun / missions, 0..1 */
                        overrunRate: number | null;
                    };
                    executionPhase: {
                        /** @description missions whose clock started */
                        missions: number;
                        /** @description sum of the allocations of those missions */
                        allocatedHours: number;
                        /** @description sum of the hours their clock ran (to now for a running clock) */
                        actualHours: number;
                        meanActualHours: number | null;
                        /** @description missions past their allocation */
                        overrun: number;
                        /** @description overrun / missions, 0..1 */
                        overrunRate: number | null;
                    };
                    findingsPerCategory: {
                        [key: string]: number;
                    };
                    detections: {
                        proposed: number;
                        accepted: number;
                        rejected: number;
                    };
                    visibilityGaps: {
                        raised: number;
                        resolved: number;
                    };
                    escalations: {
                        count: number;
                        meanHoursToEscalation: number | null;
                    };
                };
            };
        };
        FindingOutcome: {
            missionId: string;
            findingId: string;
            /** @enum {string} */
            outcome: "accepted" | "rejected" | "resolved" | "wont-fix";
            note: string | null;
            by: string;
            at: string;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            /** @description what went wrong, for programs: one row per code in the README refusal table */
            code?: string;
            instance?: string;
            /** @description what a refused gate decision still needs */
            missing?: string[];
            /** @description each field that broke a rule, and the rule */
            errors?: {
                field: string;
                rule: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
