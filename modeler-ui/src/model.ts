export interface Me {
  username: string;
  roles: string[];
}

export interface Cluster {
  id: string;
  displayName: string;
  endpoints: string[];
  tokenId: string;
  tokenSecretSet: boolean;
  tls: { mode: 'fingerprint' | 'ca' | 'system'; fingerprint?: string };
  updatedAt: string;
  updatedBy: string;
  simulated: boolean;
}
