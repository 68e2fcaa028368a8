"use client";

import { useState } from "react";
import { ApiError, useApi, useLoad } from "@/lib/api";
import { when } from "@/lib/format";
import type { Order, Page, Review, SellerRating } from "@/lib/types";
import { Empty, ErrorBox, Loading } from "./states";

/** One star; inline SVG, like the bell: no emoji or icon font to fetch. */
function Star({ on, size }: { on: boolean; size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" className={on ? "on" : "off"} aria-hidden>
      <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
    </svg>
  );
}

/** Five stars, the average rounded to whole stars (the number beside it is exact). */
export function Stars({ value, size = 16 }: { value: number; size?: number }) {
  const filled = Math.round(value);
  return (
    <span className="stars" aria-hidden>
      {[1, 2, 3, 4, 5].map((i) => (
        <Star key={i} on={i <= filled} size={size} />
      ))}
    </span>
  );
}

/** "★★★★☆ 4.3 (3 reviews)" beside a seller's name; "No reviews yet" for a seller nobody has rated. */
export function SellerRatingBadge({ sellerId }: { sellerId: string }) {
  const api = useApi();
  const rating = useLoad(`rating:${sellerId}`, () =>
    api<SellerRating>("orders", `/api/sellers/${encodeURIComponent(sellerId)}/rating`, { auth: false }),
  );
  // The rating is an extra: if order-service cannot be reached the item page stays usable without it.
  if (!rating.data) return null;
  const { average, count } = rating.data;
  if (count === 0 || average === null) {
    return (
      <span className="rating muted" data-testid="seller-rating">
        No reviews yet
      </span>
    );
  }
  return (
    <span className="rating" data-testid="seller-rating" aria-label={`Rated ${average} out of 5 from ${count} review${count === 1 ? "" : "s"}`}>
      <Stars value={average} /> <strong>{average.toFixed(1)}</strong>{" "}
      <span className="muted">
        ({count} review{count === 1 ? "" : "s"})
      </span>
    </span>
  );
}

/** One review as anyone may read it. */
export function ReviewCard({ review }: { review: Review }) {
  return (
    <div className="card review" data-testid="review">
      <div className="row">
        <span aria-label={`${review.rating} out of 5 stars`}>
          <Stars value={review.rating} />
        </span>
        <span className="muted small">
          {review.buyerName} · {when(review.createdAt)}
        </span>
      </div>
      <div className="small">{review.productName}</div>
      {review.comment ? <p className="review-comment">{review.comment}</p> : null}
    </div>
  );
}

/**
 * On an order page: the buyer of a delivered order without a review gets the form; once there is a review,
 * buyer and seller see it. Anything else shows nothing (the service has the final word: 404/409 as errors).
 */
export function OrderReview({ order, userId, onReviewed }: { order: Order; userId: string; onReviewed: () => void }) {
  if (order.review) {
    return (
      <section aria-label="Review">
        <h2>{order.buyerId === userId ? "Your review" : "The buyer's review"}</h2>
        <ReviewCard review={order.review} />
      </section>
    );
  }
  if (order.status !== "DELIVERED" || order.buyerId !== userId) return null;
  return <ReviewForm order={order} onReviewed={onReviewed} />;
}

function ReviewForm({ order, onReviewed }: { order: Order; onReviewed: () => void }) {
  const api = useApi();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fields = error?.fieldErrors() ?? {};

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api<Review>("orders", `/api/orders/${order.id}/review`, {
        json: comment.trim() ? { rating, comment: comment.trim() } : { rating },
      });
      onReviewed();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Something went wrong", String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card form review-form"
      aria-label="Rate this order"
      data-testid="review-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (rating > 0) void submit();
      }}
    >
      <h2>How was it?</h2>
      <p className="muted small">Rate {order.sellerName} for this order. Your review is public and shows your name.</p>
      <div className="star-picker" role="radiogroup" aria-label="Rating">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={rating === n}
            aria-label={`${n} star${n === 1 ? "" : "s"}`}
            className={n <= rating ? "on" : ""}
            onClick={() => setRating(n)}
          >
            <span className="stars">
              <Star on={n <= rating} size={28} />
            </span>
          </button>
        ))}
      </div>
      {fields.rating ? <span className="err">{fields.rating}</span> : null}
      <label className="field">
        Comment (optional)
        <textarea maxLength={500} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
        <span className="muted small">{comment.length}/500</span>
        {fields.comment ? <span className="err">{fields.comment}</span> : null}
      </label>
      <div className="actions">
        <button type="submit" disabled={busy || rating === 0}>
          Post review
        </button>
      </div>
      {error && !fields.rating && !fields.comment ? <ErrorBox error={error} /> : null}
    </form>
  );
}

/** A seller's public reviews, newest first, with "Show more". */
export function SellerReviews({ sellerId }: { sellerId: string }) {
  const api = useApi();
  const [size, setSize] = useState(5);
  const reviews = useLoad(`reviews:${sellerId}:${size}`, () =>
    api<Page<Review>>("orders", `/api/sellers/${encodeURIComponent(sellerId)}/reviews?size=${size}`, { auth: false }),
  );
  if (reviews.error) return <ErrorBox error={reviews.error} retry={reviews.reload} />;
  if (!reviews.data) return <Loading what="Loading reviews" />;
  const page = reviews.data;
  if (page.content.length === 0) return <Empty>No reviews yet. Buyers can rate an order once it is delivered.</Empty>;
  return (
    <div className="list">
      {page.content.map((r) => (
        <ReviewCard key={r.orderId} review={r} />
      ))}
      {page.page.totalElements > page.content.length ? (
        <button className="secondary" onClick={() => setSize((s) => Math.min(100, s + 10))}>
          Show more reviews
        </button>
      ) : null}
    </div>
  );
}
