import { LeaveCallLink as Link } from '@/components/common/LeaveCallLink';

/** The product's name, home: in a call it asks before leaving, like every header link. */
export function Brand({ href = '/' }: { href?: string }) {
  return (
    <Link href={href} className="brand" aria-label="Telehealth home">
      <span className="brand-mark" aria-hidden="true">
        +
      </span>
      Telehealth
    </Link>
  );
}
