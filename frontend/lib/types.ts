export type Page<T> = {
  content: T[];
  page: { size: number; number: number; totalElements: number; totalPages: number };
};

export type ProductStatus = "ACTIVE" | "SOLD_OUT" | "ARCHIVED";

export type Product = {
  id: string;
  sellerId: string;
  sellerName: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  category: string;
  condition: string;
  quantity: number;
  status: ProductStatus;
  imageUrls: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
};

/** A product as a list shows it: `GET /api/products?view=card`. */
export type ProductCardData = Pick<Product, "id" | "sellerName" | "name" | "price" | "currency" | "category" | "condition" | "status"> & {
  imageUrl: string | null;
};

export type OrderStatus = "PENDING" | "CONFIRMED" | "REJECTED" | "CANCELLED" | "SHIPPED" | "DELIVERED";

export type Order = {
  id: string;
  buyerId: string;
  buyerName: string;
  sellerId: string;
  sellerName: string;
  items: { productId: string; name: string; unitPrice: number; quantity: number }[];
  total: number;
  currency: string;
  status: OrderStatus;
  reason: string | null;
  history: { status: OrderStatus; at: string; by: string }[];
  createdAt: string;
  updatedAt: string;
  version: number;
  /** The buyer's review, once written (order-service adds it to the order). */
  review?: Review | null;
};

export type Review = {
  orderId: string;
  productName: string;
  rating: number;
  comment: string | null;
  buyerName: string;
  createdAt: string;
};

export type SellerRating = { sellerId: string; average: number | null; count: number };

export type WishlistItem = {
  productId: string;
  name: string;
  price: number;
  currency: string;
  sellerId: string;
  addedAt: string;
  available: boolean | null;
};

export type Message = {
  id: string;
  conversationId: string;
  seq?: number | null;
  senderId: string;
  senderName: string;
  text: string;
  sentAt: string;
  clientMessageId: string;
};

export type Conversation = {
  id: string;
  participants: { userId: string; name: string }[];
  productId: string | null;
  lastMessage: Message | string | null;
  unreadCount: number;
  updatedAt: string;
};

export type Notification = {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
};

export type SellerInsights = {
  ordersByStatus: Record<string, number>;
  itemsSold: number;
  revenue: number;
  wishlistAdds: number;
  topProducts: { productId: string; name: string; itemsSold: number; wishlistAdds: number }[];
  rating?: { average: number | null; count: number };
};

export const CONDITIONS = ["NEW", "LIKE_NEW", "GOOD", "FAIR"] as const;
