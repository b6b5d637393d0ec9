/**
 * The secrets the functions read at run time (functions/shared/secrets.ts resolves `<NAME>_SECRET_ARN` once per
 * container), kept out of templates and environment variables. Two are generated here and never leave AWS; the
 * Bot Framework and SMTP passwords are generated as placeholders and replaced by the operator (README: Deploying).
 */
import { Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class Secrets extends Construct {
  /** Signs the acknowledge links in the DPO digest (HMAC-SHA256). */
  readonly ackLink: Secret;
  /** CloudFront sends it to the API; the functions refuse requests without it (no way around AWS WAF). */
  readonly originVerify: Secret;
  /** The Azure Bot registration's client secret. */
  readonly botPassword?: Secret;
  /** The council relay's SMTP password. */
  readonly smtpPassword?: Secret;

  constructor(scope: Construct, id: string, props: { key: IKey; teams: boolean; smtp: boolean }) {
    super(scope, id);
    const secret = (name: string, description: string, rotation: string) => {
      const made = new Secret(this, name, {
        description,
        encryptionKey: props.key,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
      Validations.of(made).acknowledge({ id: 'AwsSolutions-SMG4', reason: rotation });
      return made;
    };
    this.ackLink = secret(
      'AckLinkSecret',
      'Signs the complaint acknowledge links in the DPO digest',
      'Rotating would invalidate the acknowledge links already sent (valid 14 days); rotate by hand between digests.',
    );
    this.originVerify = secret(
      'OriginVerifySecret',
      'Header CloudFront adds to API requests; the functions refuse requests without it',
      'CloudFront reads it at deployment; a rotation Lambda cannot update the distribution, so redeploying rotates it.',
    );
    if (props.teams)
      this.botPassword = secret(
        'BotFrameworkPassword',
        'Azure Bot registration client secret (MICROSOFT_APP_PASSWORD); set it after the first deploy',
        'The client secret is issued and expired by Microsoft Entra; it is replaced here when Entra rotates it.',
      );
    if (props.smtp)
      this.smtpPassword = secret(
        'SmtpPassword',
        "The council mail relay's SMTP password (SMTP_PASS); set it after the first deploy",
        "The password belongs to the council's mail relay, which rotates it; it is replaced here when it changes.",
      );
  }
}
