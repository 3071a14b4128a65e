type Data = Record<string, any>;

/** A Vexil API key as Flagify's `APIKey`: client keys are its publishable ones, server keys its secret ones. */
export function toApiKey(key: Data): Data {
  return {
    id: key.id,
    environmentId: key.environmentId,
    type: key.type === 'client' ? 'publishable' : 'secret',
    prefix: key.keyPrefix,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    createdBy: key.createdBy,
    createdAt: key.createdAt,
  };
}

/** A key pair as Flagify's CLI reads it: both keys, shown this once, and both key records. */
export function toKeyPair(pair: Data): Data {
  return {
    publishableKey: pair.publishable.key,
    secretKey: pair.secret.key,
    publishable: toApiKey(pair.publishable.apiKey),
    secret: toApiKey(pair.secret.apiKey),
  };
}
