/** A page's heading with its main action beside it (a link styled as a button), shown only to those who may use it. */
export function PageHead({ title, action }: { title: string; action?: { href: string; label: string } | null }) {
  return (
    <div class="page-head">
      <h1>{title}</h1>
      {action ? (
        <a class="button" href={action.href}>
          {action.label}
        </a>
      ) : null}
    </div>
  );
}
