// The demo shop's cart. The chat widget's "Add to cart" buttons call the handler registered here,
// the way a real shop wires the widget to its own cart (widget/README.md, "Script API").
window.FjellChat = window.FjellChat || function () { (window.FjellChat.q = window.FjellChat.q || []).push(arguments); };

(function () {
  "use strict";
  var KEY = "ff-demo-cart";
  var countEl = document.getElementById("cart-count");
  var button = document.getElementById("cart-button");
  var dialog = document.getElementById("cart-dialog");
  var list = document.getElementById("cart-items");
  var totalEl = document.getElementById("cart-total");
  var moneyFormats = {};

  function money(amount, currency) {
    var code = currency || "USD";
    if (!moneyFormats[code]) moneyFormats[code] = new Intl.NumberFormat(undefined, { style: "currency", currency: code });
    return moneyFormats[code].format(amount);
  }
  function load() {
    try {
      var items = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (err) {
      return [];
    }
  }
  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify(items));
    } catch (err) {
      // Private mode: the cart lasts until the page is left.
    }
  }
  var items = load();

  function render() {
    var count = items.reduce(function (n, i) { return n + i.quantity; }, 0);
    countEl.textContent = String(count);
    button.setAttribute("aria-label", count === 1 ? "Cart, 1 item" : "Cart, " + count + " items");
    list.replaceChildren();
    if (!items.length) {
      var empty = document.createElement("li");
      empty.className = "cart-empty";
      empty.textContent = "Your cart is empty. Ask the assistant for ideas.";
      list.appendChild(empty);
    }
    items.forEach(function (item, index) {
      var li = document.createElement("li");
      var name = document.createElement(item.url ? "a" : "span");
      name.textContent = item.name + (item.variant ? " (" + item.variant.label + ")" : "");
      if (item.url) name.href = item.url;
      var qty = document.createElement("span");
      qty.className = "qty";
      qty.textContent = "× " + item.quantity;
      var price = document.createElement("span");
      price.className = "line-price";
      price.textContent = money(item.price * item.quantity, item.currency);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", "Remove " + name.textContent);
      remove.addEventListener("click", function () {
        items.splice(index, 1);
        save();
        render();
        button.focus();
      });
      li.append(name, qty, price, remove);
      list.appendChild(li);
    });
    var currency = items.length ? items[0].currency : "USD";
    totalEl.textContent = money(items.reduce(function (n, i) { return n + i.price * i.quantity; }, 0), currency);
  }

  // The widget passes { product: { id, name, price, currency, url?, image? }, variant?: { id, label }, quantity }.
  window.FjellChat("on", "addToCart", function (detail) {
    var p = detail.product;
    var key = p.id + (detail.variant ? ":" + detail.variant.id : "");
    var line = items.find(function (i) { return i.key === key; });
    if (line) line.quantity += detail.quantity;
    else items.push({ key: key, id: p.id, name: p.name, price: p.price, currency: p.currency, url: p.url, variant: detail.variant, quantity: detail.quantity });
    save();
    render();
    button.classList.remove("bump");
    void button.offsetWidth;
    button.classList.add("bump");
  });

  button.addEventListener("click", function () { dialog.showModal(); });
  window.addEventListener("storage", function (e) {
    if (e.key === KEY) {
      items = load();
      render();
    }
  });
  render();
})();
