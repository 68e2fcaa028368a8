import Link from "next/link";

export default function NotFound() {
  return (
    <div className="empty">
      <p>There is no such page.</p>
      <Link href="/">Back to browsing</Link>
    </div>
  );
}
